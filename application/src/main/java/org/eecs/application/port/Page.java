package org.eecs.application.port;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a longer listing.
 *
 * @param number the page number, from 0
 * @param size   the most items a page holds
 * @param total  how many items the whole listing has
 */
public record Page<T>(List<T> items, int number, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), number, size, total);
    }
}
