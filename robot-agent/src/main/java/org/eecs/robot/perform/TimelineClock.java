package org.eecs.robot.perform;

/**
 * The one clock of a performance, in microseconds from its common start. It runs on the monotonic clock, and while
 * speech plays it follows the speaker's own position (a sound card's crystal runs a little fast or slow, and the
 * face and the joints must keep to the voice). Corrections are slewed, at most {@link #MAX_SLEW_US} per reading, so
 * that device positions reported in coarse steps do not make the face stutter; the clock never runs backwards.
 */
final class TimelineClock {

    /** A correction of at most half a millisecond per control cycle: 5 % at 100 Hz, far above any crystal's error. */
    static final long MAX_SLEW_US = 500;

    private final long startNanos;
    private long offsetUs;
    private long lastUs;

    TimelineClock(long startNanos) {
        this.startNanos = startNanos;
    }

    /** The timeline's time now, when nothing plays. */
    long nowUs(long nanoTime) {
        return advance((nanoTime - startNanos) / 1000 + offsetUs);
    }

    /**
     * The timeline's time now, given that the speaker has played {@code playedSamples} of speech starting at
     * {@code speechOffsetUs}.
     */
    long nowUs(long nanoTime, long speechOffsetUs, long playedSamples, int sampleRate) {
        long monotonicUs = (nanoTime - startNanos) / 1000;
        long speakerUs = speechOffsetUs + playedSamples * 1_000_000L / sampleRate;
        long error = speakerUs - (monotonicUs + offsetUs);
        offsetUs += Math.max(-MAX_SLEW_US, Math.min(MAX_SLEW_US, error / 16));
        return advance(monotonicUs + offsetUs);
    }

    /** Where the monotonic clock puts {@code timelineUs}: the deadline of a control cycle. */
    long nanoTimeOf(long timelineUs) {
        return startNanos + (timelineUs - offsetUs) * 1000;
    }

    private long advance(long candidate) {
        lastUs = Math.max(lastUs, candidate);
        return lastUs;
    }
}
