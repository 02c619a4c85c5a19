package org.eecs.application.port.records;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a listing of records ordered by when they last changed, then by id (compared as plain character
 * codes, as the store compares them): pages continue from the last record seen, not from an offset, so records
 * added meanwhile neither repeat nor hide any.
 */
public record Keyset(Instant lastUpdated, String id) implements Comparable<Keyset> {

    private static final Comparator<Keyset> ORDER =
            Comparator.comparing(Keyset::lastUpdated).thenComparing(Keyset::id);

    public Keyset {
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public int compareTo(Keyset other) {
        return ORDER.compare(this, other);
    }
}
