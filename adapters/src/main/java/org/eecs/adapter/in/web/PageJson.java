package org.eecs.adapter.in.web;

import java.util.List;
import java.util.function.Function;
import org.eecs.application.port.Page;

/** A page of a listing: the items, which page, and how many there are in all. */
record PageJson<T>(List<T> items, int page, int size, long total) {

    static <D, T> PageJson<T> of(Page<D> page, Function<D, T> view) {
        return new PageJson<>(page.items().stream().map(view).toList(), page.number(), page.size(), page.total());
    }
}
