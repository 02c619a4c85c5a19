package org.eecs.application.port.records;

import java.time.Instant;
import org.eecs.application.port.InvalidRequest;

/** Instants from {@code from} (inclusive) to {@code to} (exclusive); either end may be open (null). */
public record TimeRange(Instant from, Instant to) {

    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidRequest("the time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean isAll() {
        return from == null && to == null;
    }

    /** The instants in both ranges; an empty range when they do not meet. */
    public TimeRange and(TimeRange other) {
        Instant start = from == null ? other.from : other.from == null || from.isAfter(other.from) ? from : other.from;
        Instant end = to == null ? other.to : other.to == null || to.isBefore(other.to) ? to : other.to;
        if (start != null && end != null && end.isBefore(start)) {
            end = start;
        }
        return new TimeRange(start, end);
    }
}
