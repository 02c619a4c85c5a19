package org.eecs.domain.audit;

import org.eecs.domain.Require;

/** Who acted: a person's or robot's identity-provider id, or the name of a system component. */
public record Actor(String id, Role role) {

    public static final int MAX_ID_LENGTH = 255;

    public Actor {
        Require.text("actor id", id, MAX_ID_LENGTH);
        Require.present("actor role", role);
    }

    /** The system itself, e.g. a retention job, acting without a human behind it. */
    public static Actor system(String component) {
        return new Actor(component, Role.SYSTEM);
    }
}
