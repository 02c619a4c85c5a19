package org.eecs.robot.backend;

import org.eecs.robot.plan.PerformancePlan;

/** How the backend answered a turn. */
public sealed interface TurnOutcome {

    /** The care response to perform, for the turn the backend recorded as {@code turnId}. */
    record Answered(String turnId, PerformancePlan plan) implements TurnOutcome {
    }

    /** The session is no longer in progress (completed, cancelled, or aborted, e.g. consent withdrawn). */
    record SessionOver(String reason) implements TurnOutcome {
    }
}
