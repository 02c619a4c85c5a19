package org.eecs.domain.performance;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * The face's performance: at {@link #FRAMES_PER_SECOND} frames per second, a value in [0, 1] for each of the
 * face's channels. Frame {@code i} shows the face at {@code i / 30} s from the timeline's start.
 *
 * @param channels   the channels, in the order of each frame's values; no repeats
 * @param frameCount how many frames
 * @param values     frame after frame, {@code channels.size()} values each; not copied, so treat as read-only
 */
public record FaceTimeline(List<FaceChannel> channels, int frameCount, float[] values) {

    public static final int FRAMES_PER_SECOND = 30;

    public FaceTimeline {
        channels = List.copyOf(Require.present("face channels", channels));
        if (channels.isEmpty() || EnumSet.copyOf(channels).size() != channels.size()) {
            throw new DomainViolation("face channels must be at least one, without repeats, got " + channels);
        }
        if (frameCount < 0) {
            throw new DomainViolation("frame count must not be negative, got " + frameCount);
        }
        Require.present("face values", values);
        if (values.length != (long) frameCount * channels.size()) {
            throw new DomainViolation("a face timeline of " + frameCount + " frames of " + channels.size()
                    + " channels has " + (long) frameCount * channels.size() + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0f && values[i] <= 1f)) {
                throw new DomainViolation("face channel " + channels.get(i % channels.size()).key() + " in frame "
                        + i / channels.size() + " must lie in [0, 1], got " + values[i]);
            }
        }
    }

    /**
     * How many frames cover audio of this length: {@code ceil(duration x 30)}, so the last frame starts before
     * the audio ends and no frame starts after it.
     */
    public static int framesFor(Duration duration) {
        long nanos = duration.toNanos();
        return Math.toIntExact((nanos * FRAMES_PER_SECOND + 999_999_999L) / 1_000_000_000L);
    }

    public Duration duration() {
        return Duration.ofNanos(frameCount * 1_000_000_000L / FRAMES_PER_SECOND);
    }

    public float value(int frame, FaceChannel channel) {
        int index = channels.indexOf(channel);
        if (index < 0) {
            throw new DomainViolation("this face timeline has no channel " + channel.key());
        }
        return values[frame * channels.size() + index];
    }

    /** One channel over the whole timeline. */
    public float[] series(FaceChannel channel) {
        float[] series = new float[frameCount];
        for (int frame = 0; frame < frameCount; frame++) {
            series[frame] = value(frame, channel);
        }
        return series;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaceTimeline that && frameCount == that.frameCount && channels.equals(that.channels)
                && java.util.Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values) * 31 + channels.hashCode();
    }

    @Override
    public String toString() {
        return "FaceTimeline[" + frameCount + " frames of " + channels.size() + " channels]";
    }
}
