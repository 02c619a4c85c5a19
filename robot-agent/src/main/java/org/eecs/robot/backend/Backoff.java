package org.eecs.robot.backend;

import java.time.Duration;

/**
 * The pauses between attempts to reach the backend: the first, then twice as long after each failure up to eight
 * times the first, or what the backend asked for ({@code Retry-After}) if that is longer; back to the first once the
 * backend answered. One rule for every call the agent retries.
 */
public final class Backoff {

    private final Duration first;
    private final Duration longest;
    private Duration next;

    public Backoff(Duration first) {
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("the first pause must be positive, got " + first);
        }
        this.first = first;
        this.longest = first.multipliedBy(8);
        this.next = first;
    }

    /** An attempt failed: how long to wait before the next one; {@code advised} is the backend's advice, if any. */
    public synchronized Duration failed(Duration advised) {
        Duration pause = advised != null && advised.compareTo(next) > 0 ? advised : next;
        next = next.multipliedBy(2).compareTo(longest) <= 0 ? next.multipliedBy(2) : longest;
        return pause;
    }

    /** The backend answered: the next failure waits the first pause again. */
    public synchronized void succeeded() {
        next = first;
    }
}
