package org.eecs.robot.backend;

/**
 * The backend refuses this robot itself: its token even when fresh (401), or the robot role (403). Retrying will
 * not help; the robot's client in Keycloak or the backend's trust in Keycloak needs mending (docs/security.md).
 */
public final class BackendRefused extends RuntimeException {

    public BackendRefused(String message) {
        super(message);
    }
}
