package org.eecs.robot.backend;

/** The backend (or the identity provider in front of it) could not be reached, or answered that it is unavailable. */
public final class BackendUnreachable extends RuntimeException {

    public BackendUnreachable(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendUnreachable(String message) {
        super(message);
    }
}
