package org.eecs.application.port.in;

import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.SessionState;

/**
 * The session takes no turns: it has not started, or it has ended (completed, cancelled, or aborted, e.g. because
 * the patient withdrew consent). The robot learns it here, at its next call, with the state and the reason.
 */
public class SessionNotInProgress extends Conflict {

    public static final String KIND = "session-not-in-progress";

    private final SessionState state;
    private final String endReason;

    public SessionNotInProgress(CareSession session) {
        super(KIND, "care session " + session.id() + " is " + session.state()
                + (session.endReason() == null ? "" : " (" + session.endReason() + ")") + ", not in progress");
        this.state = session.state();
        this.endReason = session.endReason();
    }

    public SessionState state() {
        return state;
    }

    /** Why it ended early; null unless cancelled or aborted. */
    public String endReason() {
        return endReason;
    }
}
