package org.eecs.application.port.records;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.eecs.application.port.InvalidRequest;

/**
 * One page of a search: records of these types that meet the criteria, in (lastUpdated, id) order, ascending or
 * not, that come after {@code after} in that order (or, when {@code before} is given, the page that ends just
 * before it).
 *
 * @param count           the most records on the page, 1 to {@value #MAX_COUNT}
 * @param includePatients also the patients the records are about
 */
public record RecordSearch(Set<RecordType> types, RecordCriteria criteria, boolean descending, Keyset after,
                           Keyset before, int count, boolean includePatients) {

    public static final int MAX_COUNT = 1_000;
    public static final int DEFAULT_COUNT = 50;

    public RecordSearch {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        Objects.requireNonNull(criteria, "criteria");
        if (after != null && before != null) {
            throw new InvalidRequest("a page starts after one place or ends before another, not both");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidRequest("_count must be from 1 to " + MAX_COUNT + ", got " + count);
        }
    }

    public RecordSearch withCriteria(RecordCriteria next) {
        return new RecordSearch(types, next, descending, after, before, count, includePatients);
    }
}
