package org.eecs.domain.session;

import java.time.Instant;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;

/**
 * One scheduled encounter between a patient and a robot, with the goal the clinician set for it.
 * {@code emotionInput} says whether the robot may use emotion recognition in this session at all;
 * consent decides, turn by turn, whether it actually may.
 *
 * <p>The record is immutable: each transition returns the session in its new state. The timestamps
 * always agree with the state: a session has a start time once it has started (IN_PROGRESS, COMPLETED,
 * ABORTED), an end time once it is final, and a reason when it ended early (CANCELLED, ABORTED).
 *
 * <p>{@code crisisFlaggedAt} is when crisis language was first heard in the session (null if never): the flag
 * tells the care team to look at the session and its escalations; it does not end the session, so the robot stays
 * with the patient until a person arrives.
 */
public record CareSession(CareSessionId id, PatientId patient, RobotId robot, TimeWindow window, String careGoal,
                          boolean emotionInput, SessionState state, Instant startedAt, Instant endedAt,
                          String endReason, Instant crisisFlaggedAt) {

    public static final int MAX_CARE_GOAL_LENGTH = 500;
    public static final int MAX_END_REASON_LENGTH = 500;

    public CareSession {
        Require.present("care session id", id);
        Require.present("patient", patient);
        Require.present("robot", robot);
        Require.present("window", window);
        Require.text("careGoal", careGoal, MAX_CARE_GOAL_LENGTH);
        Require.present("state", state);
        boolean started = state == SessionState.IN_PROGRESS || state == SessionState.COMPLETED
                || state == SessionState.ABORTED;
        if (started != (startedAt != null)) {
            throw new DomainViolation("a care session in state " + state
                    + (started ? " needs a start time" : " has no start time") + ", got startedAt " + startedAt);
        }
        if (state.isFinal() != (endedAt != null)) {
            throw new DomainViolation("a care session in state " + state
                    + (state.isFinal() ? " needs an end time" : " has no end time") + ", got endedAt " + endedAt);
        }
        if (startedAt != null && endedAt != null && endedAt.isBefore(startedAt)) {
            throw new DomainViolation("a care session cannot end before it started, got startedAt " + startedAt
                    + " and endedAt " + endedAt);
        }
        boolean endedEarly = state == SessionState.CANCELLED || state == SessionState.ABORTED;
        if (endedEarly) {
            Require.text("endReason", endReason, MAX_END_REASON_LENGTH);
        } else if (endReason != null) {
            throw new DomainViolation("only a cancelled or aborted care session has an end reason, got "
                    + Require.quote(endReason) + " for a " + state + " session");
        }
        if (crisisFlaggedAt != null && (startedAt == null || crisisFlaggedAt.isBefore(startedAt))) {
            throw new DomainViolation("a care session is flagged for crisis only after it started, got flag at "
                    + crisisFlaggedAt + " and startedAt " + startedAt);
        }
    }

    public static CareSession schedule(PatientId patient, RobotId robot, TimeWindow window, String careGoal,
                                       boolean emotionInput) {
        return new CareSession(CareSessionId.newId(), patient, robot, window, careGoal, emotionInput,
                SessionState.SCHEDULED, null, null, null, null);
    }

    public CareSession start(Instant at) {
        requireMoveTo(SessionState.IN_PROGRESS);
        return new CareSession(id, patient, robot, window, careGoal, emotionInput, SessionState.IN_PROGRESS,
                Require.present("start time", at), null, null, null);
    }

    public CareSession complete(Instant at) {
        requireMoveTo(SessionState.COMPLETED);
        return new CareSession(id, patient, robot, window, careGoal, emotionInput, SessionState.COMPLETED,
                startedAt, Require.present("end time", at), null, crisisFlaggedAt);
    }

    /** Called off before it began, e.g. the patient is unwell or the robot is unavailable. */
    public CareSession cancel(String reason, Instant at) {
        requireMoveTo(SessionState.CANCELLED);
        return new CareSession(id, patient, robot, window, careGoal, emotionInput, SessionState.CANCELLED,
                null, Require.present("end time", at), reason, null);
    }

    /** Stopped while running: consent withdrawn, a crisis needing a human, or a fault. */
    public CareSession abort(String reason, Instant at) {
        requireMoveTo(SessionState.ABORTED);
        return new CareSession(id, patient, robot, window, careGoal, emotionInput, SessionState.ABORTED,
                startedAt, Require.present("end time", at), reason, crisisFlaggedAt);
    }

    /**
     * Marks that crisis language was heard at {@code at}; a session already flagged keeps its first flag, which is
     * when the care team was first needed.
     */
    public CareSession flagCrisis(Instant at) {
        Require.present("flag time", at);
        if (crisisFlaggedAt != null) {
            return this;
        }
        return new CareSession(id, patient, robot, window, careGoal, emotionInput, state, startedAt, endedAt,
                endReason, at);
    }

    public boolean flaggedForCrisis() {
        return crisisFlaggedAt != null;
    }

    /** Only a running session takes conversation turns. */
    public boolean acceptsTurns() {
        return state == SessionState.IN_PROGRESS;
    }

    private void requireMoveTo(SessionState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalSessionTransition(state, next);
        }
    }
}
