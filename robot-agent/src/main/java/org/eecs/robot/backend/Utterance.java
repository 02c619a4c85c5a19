package org.eecs.robot.backend;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.capture.CameraFrame;

/**
 * One utterance of the patient, cut by voice activity detection: its audio, the camera frames taken while it was
 * spoken (with their capture times), and when it started. {@code key} is the turn's idempotency key: the same on
 * every retry.
 */
public record Utterance(UUID key, PcmAudio audio, Instant startedAt, List<CameraFrame> frames) {

    public Utterance {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(startedAt, "startedAt");
        frames = List.copyOf(frames);
    }
}
