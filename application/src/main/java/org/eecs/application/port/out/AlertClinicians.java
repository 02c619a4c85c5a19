package org.eecs.application.port.out;

import org.eecs.domain.safety.Escalation;

/**
 * Tells the hospital's alerting system (a pager, a nurse call, a chat channel) that an escalation was raised or
 * changed. The alert joins the caller's unit of work: it is kept exactly when the escalation is, and delivered
 * afterwards, retried until it is accepted, across restarts.
 */
public interface AlertClinicians {

    void alert(Escalation escalation);
}
