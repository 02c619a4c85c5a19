package org.eecs.domain.session;

import org.eecs.domain.DomainViolation;

/** A step the session life cycle does not allow, such as restarting a completed session. */
public class IllegalSessionTransition extends DomainViolation {

    private static final long serialVersionUID = 1L;

    private final SessionState from;
    private final SessionState to;

    public IllegalSessionTransition(SessionState from, SessionState to) {
        super("a care session cannot go from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public SessionState from() {
        return from;
    }

    public SessionState to() {
        return to;
    }
}
