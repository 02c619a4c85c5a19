package org.eecs.robot.capture;

import java.time.Instant;

/**
 * The clock that microphone and camera stamp their captures with: microseconds since the agent started capturing,
 * on the monotonic clock, with the wall-clock instant of its zero for the backend's timestamps.
 */
public final class CaptureClock {

    private final long originNanos;
    private final Instant origin;

    public CaptureClock() {
        this.originNanos = System.nanoTime();
        this.origin = Instant.now();
    }

    public long nowUs() {
        return (System.nanoTime() - originNanos) / 1000;
    }

    public Instant instantOf(long us) {
        return origin.plusNanos(us * 1000);
    }
}
