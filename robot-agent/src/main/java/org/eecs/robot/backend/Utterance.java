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
 * every retry. {@code streamed}: the turn was first streamed under this key, and the stream broke off; the backend
 * may have answered it, and answers the key again only to the same form of turn, so it is streamed again.
 */
public record Utterance(UUID key, PcmAudio audio, Instant startedAt, List<CameraFrame> frames, boolean streamed) {

    public Utterance {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(startedAt, "startedAt");
        frames = List.copyOf(frames);
    }

    /** An utterance posted whole from the start. */
    public Utterance(UUID key, PcmAudio audio, Instant startedAt, List<CameraFrame> frames) {
        this(key, audio, startedAt, frames, false);
    }

    /** When the patient stopped speaking: the end of the audio. */
    public Instant endedAt() {
        return startedAt.plus(audio.duration());
    }
}
