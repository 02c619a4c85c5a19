package org.eecs.robot.plan;

/** A performance plan the robot cannot perform as sent: the message names the field and the fault. */
public final class UnreadablePlan extends RuntimeException {

    public UnreadablePlan(String message) {
        super(message);
    }

    public UnreadablePlan(String message, Throwable cause) {
        super(message, cause);
    }
}
