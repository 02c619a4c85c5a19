package org.eecs.robot.turn;

import java.util.Arrays;

/**
 * The samples of one listening stream, addressed by their index from the stream's start, keeping only what may
 * still be needed: everything from {@link #trimBefore(long)}'s mark on.
 */
final class SampleBuffer {

    private float[] samples = new float[16_000 * 4];
    private long first; // index of samples[0]
    private int length;

    void append(float[] chunk) {
        if (length + chunk.length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, length + chunk.length));
        }
        System.arraycopy(chunk, 0, samples, length, chunk.length);
        length += chunk.length;
    }

    /** One past the last sample appended. */
    long end() {
        return first + length;
    }

    long start() {
        return first;
    }

    /** Samples {@code [from, to)}, clamped to what is kept. */
    float[] slice(long from, long to) {
        long a = Math.max(from, first);
        long b = Math.min(to, end());
        return a >= b ? new float[0] : Arrays.copyOfRange(samples, (int) (a - first), (int) (b - first));
    }

    /** Forgets samples before {@code index}. */
    void trimBefore(long index) {
        int drop = (int) Math.max(0, Math.min(length, index - first));
        if (drop > 0) {
            System.arraycopy(samples, drop, samples, 0, length - drop);
            length -= drop;
            first += drop;
        }
    }
}
