package org.eecs.application.port.in;

import java.util.List;
import java.util.Set;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSessionId;

/**
 * The clinicians of a patient's care team see the escalations raised in the patient's sessions, take them on and
 * resolve them; every look and every change is audited, and every change alerts the hospital's alerting system.
 */
public interface HandlingEscalations {

    /** The session's escalations, oldest first. */
    List<Escalation> ofSession(Caller caller, CareSessionId session);

    /** Escalations in these states (all when empty) of the caller's care-team patients, oldest first. */
    Page<Escalation> forMyPatients(Caller caller, Set<EscalationState> states, PageRequest page);

    /** Takes on an open escalation. */
    Escalation acknowledge(Caller caller, EscalationId escalation);

    /** Closes an open or acknowledged escalation, saying what was done. */
    Escalation resolve(Caller caller, EscalationId escalation, String resolution);
}
