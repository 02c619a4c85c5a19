package org.eecs.perception.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * Mono audio as floating-point samples in [-1, 1]. The decoder always produces {@link #RATE} (16 kHz), the rate
 * voice activity detection and speech recognition expect.
 *
 * @param samples    the samples; not copied, so treat them as read-only
 * @param sampleRate samples per second
 */
public record PcmAudio(float[] samples, int sampleRate) {

    /** The rate the perception layer works at. */
    public static final int RATE = 16_000;

    public PcmAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** 16 kHz mono audio. */
    public static PcmAudio of16kHz(float[] samples) {
        return new PcmAudio(samples, RATE);
    }

    public int length() {
        return samples.length;
    }

    /** The duration, exact to the nanosecond: {@code length / sampleRate}. */
    public Duration duration() {
        return Duration.ofNanos(Math.round(samples.length * 1e9 / sampleRate));
    }

    /** The samples as 16-bit signed little-endian PCM, clipped to the 16-bit range. */
    public byte[] toPcm16LittleEndian() {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int value = Math.round(samples[i] * 32768f);
            value = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
            bytes[2 * i] = (byte) value;
            bytes[2 * i + 1] = (byte) (value >> 8);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PcmAudio that && sampleRate == that.sampleRate
                && java.util.Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(samples) + sampleRate;
    }

    @Override
    public String toString() {
        return "PcmAudio[" + samples.length + " samples at " + sampleRate + " Hz, " + duration().toMillis() + " ms]";
    }
}
