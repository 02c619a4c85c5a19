package org.eecs.robot.capture;

/** Consecutive 16 kHz mono samples in [-1, 1], the first captured at {@code startUs} on the capture clock. */
public record AudioChunk(long startUs, float[] samples) {

    public long endUs() {
        return startUs + samples.length * 1_000_000L / 16_000;
    }
}
