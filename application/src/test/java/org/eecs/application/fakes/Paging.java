package org.eecs.application.fakes;

import java.util.List;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;

/** Cuts an already filtered and ordered listing into the requested page, as LIMIT/OFFSET would. */
final class Paging {

    private Paging() {
    }

    static <T> Page<T> page(List<T> all, PageRequest request) {
        List<T> items = all.stream().skip(request.offset()).limit(request.size()).toList();
        return new Page<>(items, request.number(), request.size(), all.size());
    }
}
