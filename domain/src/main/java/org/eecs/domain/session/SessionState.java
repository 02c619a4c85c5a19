package org.eecs.domain.session;

import java.util.Set;

/**
 * Where a care session is in its life. The allowed moves live in {@link #canMoveTo} and nowhere else:
 *
 * <pre>
 *   SCHEDULED --start--> IN_PROGRESS --complete--> COMPLETED
 *       |                     |
 *     cancel                abort (consent withdrawn, crisis, fault)
 *       v                     v
 *   CANCELLED              ABORTED
 * </pre>
 *
 * A final state is never left: a session that ended is not resumed, a new one is scheduled.
 */
public enum SessionState {
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    ABORTED;

    public boolean canMoveTo(SessionState next) {
        return successors().contains(next);
    }

    public boolean isFinal() {
        return successors().isEmpty();
    }

    private Set<SessionState> successors() {
        return switch (this) {
            case SCHEDULED -> Set.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> Set.of(COMPLETED, ABORTED);
            case COMPLETED, CANCELLED, ABORTED -> Set.of();
        };
    }
}
