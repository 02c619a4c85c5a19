package org.eecs.perception.vad;

import java.time.Duration;

/**
 * A stretch of speech in a 16 kHz stream, in samples from the start of the stream; {@code end} is exclusive.
 */
public record SpeechSegment(long startSample, long endSample) {

    public SpeechSegment {
        if (startSample < 0 || endSample <= startSample) {
            throw new IllegalArgumentException("a segment needs 0 <= start < end, got " + startSample + ".."
                    + endSample);
        }
    }

    public Duration start() {
        return at(startSample);
    }

    public Duration end() {
        return at(endSample);
    }

    public Duration duration() {
        return at(endSample - startSample);
    }

    private static Duration at(long sample) {
        return Duration.ofNanos(sample * 1_000_000_000L / SileroVad.SAMPLE_RATE);
    }

    @Override
    public String toString() {
        return "SpeechSegment[" + start().toMillis() + " ms .. " + end().toMillis() + " ms]";
    }
}
