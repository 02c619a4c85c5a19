package org.eecs.robot.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What the agent needs from the EECS backend, in its own words: its sessions, and turns answered with a
 * performance plan. The backend's robot API (docs/robot-protocol.md) stands behind it; every method may throw
 * {@link BackendUnreachable} when the backend cannot be reached, and the agent then tries again with the same
 * idempotency key, so that a turn is neither lost nor taken twice.
 */
public interface CareBackend {

    /** This robot's current session (in progress) and next one (scheduled), as the backend sees them now. */
    Sessions mySessions();

    /** Posts one whole utterance; the backend answers it, or says the session is over. Idempotent by its key. */
    TurnOutcome takeTurn(String sessionId, Utterance utterance);

    /** Whether the backend takes turns streamed while the patient speaks ({@link #openTurn}). */
    default boolean streamsTurns() {
        return false;
    }

    /** Opens a streamed turn at the onset of speech; audio and frames follow as they are captured. */
    default TurnStream openTurn(String sessionId, UUID key, Instant startedAt) {
        throw new UnsupportedOperationException("this backend takes whole turns only");
    }

    /** Whether the backend records that the patient spoke over the robot ({@link #reportBargeIn}). */
    default boolean offersBargeIn() {
        return false;
    }

    /** The patient spoke over the answer to {@code turnId}, {@code heardAfter} into its performance. */
    default void reportBargeIn(String sessionId, String turnId, Duration heardAfter) {
        throw new UnsupportedOperationException("this backend does not record barge-in");
    }

    /** A turn being streamed. */
    interface TurnStream {

        /** The next 16 kHz mono samples of the utterance, in order. */
        void audio(float[] samples);

        void frame(org.eecs.robot.capture.CameraFrame frame);

        /**
         * The patient stopped speaking: the utterance is the first {@code samples} samples sent (the rest was the
         * silence that ended it). Returns the answer.
         */
        TurnOutcome end(long samples);

        /** The sound was too short to be speech after all: forget this turn. */
        void abandon();
    }
}
