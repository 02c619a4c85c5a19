package org.eecs.robot.backend;

import java.time.Instant;
import java.util.Optional;

/** This robot's sessions as the backend sees them: the one in progress, if any, and the next scheduled one. */
public record Sessions(Optional<Session> current, Optional<Session> next) {

    public static final Sessions NONE = new Sessions(Optional.empty(), Optional.empty());

    /**
     * A care session the robot serves; {@code state} in the backend's words (IN_PROGRESS, SCHEDULED...);
     * {@code audioConsent}: whether the robot may listen now (the patient consents to audio capture).
     */
    public record Session(String id, String state, Instant start, Instant end, boolean audioConsent) {

        public Session(String id, String state, Instant start, Instant end) {
            this(id, state, start, end, true);
        }

        public boolean inProgress() {
            return "IN_PROGRESS".equals(state);
        }
    }
}
