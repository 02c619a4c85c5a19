package org.eecs.robot.body;

/** A joint target the agent will not send: the emergency stop is engaged, or it breaks a limit of the profile. */
public final class MotionRefused extends RuntimeException {

    public MotionRefused(String message) {
        super(message);
    }
}
