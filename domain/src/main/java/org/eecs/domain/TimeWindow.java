package org.eecs.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A span of time, closed at its start and open at its end: [start, end). Back-to-back windows
 * therefore neither overlap nor leave a gap, which is what scheduling consecutive sessions needs.
 * An empty window (start equal to end) contains no instant and overlaps nothing.
 */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Require.present("start", start);
        Require.present("end", end);
        if (end.isBefore(start)) {
            throw new DomainViolation("a time window cannot end before it starts, got start " + start
                    + " and end " + end);
        }
    }

    public static TimeWindow of(Instant start, Duration duration) {
        Require.present("duration", duration);
        return new TimeWindow(start, start.plus(duration));
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public boolean contains(Instant t) {
        Require.present("instant", t);
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** True when some instant lies in both windows. */
    public boolean overlaps(TimeWindow other) {
        Require.present("other window", other);
        return !isEmpty() && !other.isEmpty() && start.isBefore(other.end) && other.start.isBefore(end);
    }
}
