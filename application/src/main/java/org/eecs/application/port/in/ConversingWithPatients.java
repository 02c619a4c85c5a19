package org.eecs.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.performance.PerformancePlan;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;

/**
 * A robot converses with the patient of its running session, turn by turn: it hears the patient (and sees them,
 * with consent), and gets the care response to perform. Only the session's own robot may; consent is checked at
 * every turn; each turn is recorded, with its audit events, before it is answered.
 */
public interface ConversingWithPatients {

    /** The most frames one turn takes. */
    int MAX_FRAMES = 32;

    /** The robot's session in progress and its next scheduled one. */
    RobotSessions sessionsOf(Caller robot);

    /**
     * The robot's own session, running: what a robot checks before it streams turns into it.
     *
     * @throws UnknownCareSession   for a session that is not this robot's
     * @throws SessionNotInProgress when it is not running
     */
    CareSession runningSession(Caller robot, CareSessionId session);

    /**
     * One whole turn: recognition, reasoning, generation, and the turn recorded.
     *
     * @throws SessionNotInProgress when the session is not running (the robot stops serving it)
     * @throws Conflict             {@code consent-required} without consent to audio capture in force
     * @throws UnknownCareSession   for a session that is not this robot's
     */
    TurnAnswer take(TakeTurn turn);

    /**
     * Opens a turn whose audio and frames arrive while the patient speaks: recognition runs as they come, and
     * {@link StreamedTurn#finish} does what is left. Access and consent are checked here, as for {@link #take}.
     */
    StreamedTurn open(OpenTurn turn);

    /**
     * The answer to a turn this robot took before, prepared again from the turn's record: the turn's words and care
     * response, performed anew (a retry under the key of a turn already answered). Taken nothing, recorded nothing
     * but the reading; the session need no longer be running.
     *
     * @throws UnknownTurn for a turn that is not of this robot's sessions
     */
    TurnAnswer answerAgain(Caller robot, TurnId turn);

    /** The patient spoke over the answer to this turn; a turn keeps its first report. */
    void bargeIn(Caller robot, CareSessionId session, TurnId turn, Duration heardAfter);

    /**
     * @param current      the session in progress, if any; {@code next} the earliest scheduled one not yet over
     * @param audioConsent whether the patient of {@code current} consents to audio capture now (false without one):
     *                     the robot listens only while they do, and finds out here when consent is given again
     */
    record RobotSessions(Optional<CareSession> current, Optional<CareSession> next, boolean audioConsent) {
        public RobotSessions {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * @param startedAt       when the patient started speaking (the robot's clock)
     * @param endedAt         when they stopped
     * @param withholdEmotion answer this turn without the emotion input (the paper's ablation, per turn)
     * @param retryKey        the key under which the robot will ask again if the answer does not reach it: the turn
     *                        answers it in its record, so that the key reads answered exactly when the turn exists
     */
    record TakeTurn(Caller caller, CareSessionId session, Heard heard, Instant startedAt, Instant endedAt,
                    boolean withholdEmotion, Optional<RetryKey> retryKey) {
        public TakeTurn {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(heard, "heard");
            requireInOrder(startedAt, endedAt);
            requireTheCallersOwn(retryKey, caller);
        }

        /** A turn the robot will not ask for again. */
        public TakeTurn(Caller caller, CareSessionId session, Heard heard, Instant startedAt, Instant endedAt,
                        boolean withholdEmotion) {
            this(caller, session, heard, startedAt, endedAt, withholdEmotion, Optional.empty());
        }

        /** The same turn, taken under the robot's retry key, if it gave one. */
        public TakeTurn underKey(Optional<RetryKey> key) {
            return new TakeTurn(caller, session, heard, startedAt, endedAt, withholdEmotion, key);
        }
    }

    /** What the robot captured of the patient's utterance. */
    sealed interface Heard {

        /** The recorded audio and the frames taken while the patient spoke. */
        record Recorded(SpeechAudio audio, VideoClip frames) implements Heard {
            public Recorded {
                Objects.requireNonNull(audio, "audio");
                Objects.requireNonNull(frames, "frames");
                if (frames.frames().size() > MAX_FRAMES) {
                    throw new InvalidRequest("a turn takes at most " + MAX_FRAMES + " frames, got "
                            + frames.frames().size());
                }
            }
        }

        /** Words the robot's own speech recognition heard. */
        record Words(String text) implements Heard {
            public Words {
                if (text == null || text.isBlank() || text.length() > Turn.MAX_UTTERANCE_LENGTH) {
                    throw new InvalidRequest("text must be 1 to " + Turn.MAX_UTTERANCE_LENGTH + " characters");
                }
            }
        }
    }

    /** @param retryKey as for {@link TakeTurn}: answered when the streamed turn is recorded */
    record OpenTurn(Caller caller, CareSessionId session, Instant startedAt, boolean withholdEmotion,
                    Optional<RetryKey> retryKey) {
        public OpenTurn {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(startedAt, "startedAt");
            requireTheCallersOwn(retryKey, caller);
        }

        /** A streamed turn the robot will not ask for again. */
        public OpenTurn(Caller caller, CareSessionId session, Instant startedAt, boolean withholdEmotion) {
            this(caller, session, startedAt, withholdEmotion, Optional.empty());
        }
    }

    /**
     * A turn being heard while the patient speaks, fed in order by one caller. Close it in any case: closing an
     * unfinished one abandons it, and nothing of it is recorded.
     */
    interface StreamedTurn extends AutoCloseable {

        /** The next piece of the utterance: 16 kHz mono PCM, 16-bit signed little-endian. */
        void hear(byte[] pcm);

        /** A frame taken while the patient speaks; dropped without consent to video capture, or past the most. */
        void see(VideoClip.Frame frame);

        /** The patient stopped speaking at {@code endedAt}: the rest of the turn, recorded and answered. */
        TurnAnswer finish(Instant endedAt);

        @Override
        void close();
    }

    /** The recorded turn and what the robot performs. */
    record TurnAnswer(Turn turn, PerformancePlan plan) {
        public TurnAnswer {
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** A robot's key is its own: a turn answers no other caller's key. */
    private static void requireTheCallersOwn(Optional<RetryKey> key, Caller caller) {
        Objects.requireNonNull(key, "retryKey");
        if (key.isPresent() && !key.get().robot().equals(caller.actor().id())) {
            throw new InvalidRequest("a turn answers only its own robot's retry key");
        }
    }

    private static void requireInOrder(Instant startedAt, Instant endedAt) {
        if (startedAt == null || endedAt == null || endedAt.isBefore(startedAt)) {
            throw new InvalidRequest("a turn needs startedAt and endedAt, in that order; got " + startedAt + " and "
                    + endedAt);
        }
    }
}
