package org.eecs.robot.settings;

/** A settings or robot-profile file the agent cannot start with; the message names the file, the place and the fault. */
public final class InvalidSettings extends RuntimeException {

    public InvalidSettings(String message) {
        super(message);
    }

    public InvalidSettings(String message, Throwable cause) {
        super(message, cause);
    }
}
