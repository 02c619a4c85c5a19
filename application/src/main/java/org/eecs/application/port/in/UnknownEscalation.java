package org.eecs.application.port.in;

import org.eecs.domain.safety.EscalationId;

/** The escalation does not exist, or the caller may not know of it. */
public class UnknownEscalation extends NotFound {

    public UnknownEscalation(EscalationId escalation) {
        super("no escalation " + escalation);
    }
}
