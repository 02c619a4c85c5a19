package org.eecs.application.port.in;

import org.eecs.domain.session.CareSessionId;

/** The care session does not exist, or the caller may not know of it. */
public class UnknownCareSession extends NotFound {

    public UnknownCareSession(CareSessionId session) {
        super("no care session " + session);
    }
}
