package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the robot's camera saw of the patient during one utterance: the paper's D_v, T encoded frames (JPEG or PNG)
 * in the order they were captured.
 */
public record VideoClip(List<Frame> frames) {

    public VideoClip {
        frames = List.copyOf(Objects.requireNonNull(frames, "frames"));
    }

    /** One encoded image and when it was captured. */
    public record Frame(Instant capturedAt, byte[] image) {
        public Frame {
            Objects.requireNonNull(capturedAt, "capturedAt");
            Objects.requireNonNull(image, "image");
        }
    }
}
