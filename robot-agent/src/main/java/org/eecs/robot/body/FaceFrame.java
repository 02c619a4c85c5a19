package org.eecs.robot.body;

import java.util.List;

/** One face frame: a value in [0, 1] for each of the face's channels (the profile's order), for time {@code atUs}. */
public record FaceFrame(long atUs, List<String> channels, float[] values) {

    public FaceFrame {
        channels = List.copyOf(channels);
        if (values.length != channels.size()) {
            throw new IllegalArgumentException(values.length + " values for " + channels.size() + " channels");
        }
    }

    /** Every channel at 0: the face at rest. */
    public static FaceFrame neutral(long atUs, List<String> channels) {
        return new FaceFrame(atUs, channels, new float[channels.size()]);
    }

    public float value(String channel) {
        int at = channels.indexOf(channel);
        return at < 0 ? 0f : values[at];
    }
}
