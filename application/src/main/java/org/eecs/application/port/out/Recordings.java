package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.TurnId;

/**
 * Raw audio and frames of turns, kept only under the patient's consent to recording retention, and only until
 * their expiry.
 */
public interface Recordings {

    /** Keeps a turn's media until {@code expiresAt}; joins the caller's unit of work. */
    void keep(TurnMedia media);

    /**
     * Deletes the media of up to {@code limit} turns that expired at or before {@code now}, and says whose they were
     * (for the audit trail, in the caller's unit of work).
     */
    List<Purged> purgeExpired(Instant now, int limit);

    /**
     * @param audioType {@link #WAV} for a recorded utterance, {@link #PCM} for a streamed one
     * @param audio     the utterance as received; empty for a text turn
     * @param frames    the frames as received, in capture order
     */
    record TurnMedia(TurnId turn, CareSessionId session, PatientId patient, String audioType, byte[] audio,
                     List<VideoClip.Frame> frames, Instant expiresAt) {

        public static final String WAV = "audio/wav";
        public static final String PCM = "audio/pcm;format=s16le;rate=16000;channels=1";

        public TurnMedia {
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(audioType, "audioType");
            Objects.requireNonNull(audio, "audio");
            frames = List.copyOf(frames);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    record Purged(TurnId turn, PatientId patient) {
    }
}
