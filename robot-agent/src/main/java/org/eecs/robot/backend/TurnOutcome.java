package org.eecs.robot.backend;

import org.eecs.robot.plan.PerformancePlan;

/** How the backend answered a turn. */
public sealed interface TurnOutcome {

    /** The care response to perform, for the turn the backend recorded as {@code turnId}. */
    record Answered(String turnId, PerformancePlan plan) implements TurnOutcome {
    }

    /**
     * The robot is to stop listening in this session: it is no longer in progress (completed, cancelled, or
     * aborted, e.g. consent withdrawn), or it is not this robot's.
     */
    record SessionOver(String reason) implements TurnOutcome {
    }

    /**
     * The session runs, but the patient's consent to audio capture is not in force: the robot stops listening
     * until the backend says it is again (a clinician may record it mid-session).
     */
    record ConsentRequired(String reason) implements TurnOutcome {
    }

    /**
     * The backend would not take this turn, and would not take it again (its audio, or a plan the robot cannot
     * perform): it is dropped, and the robot listens on.
     */
    record Refused(String reason) implements TurnOutcome {
    }
}
