package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSessionId;

/** Escalations raised in care sessions, and what became of them. */
public interface Escalations {

    void save(Escalation escalation);

    Optional<Escalation> find(EscalationId id);

    /** The session's escalations, oldest first. */
    List<Escalation> ofSession(CareSessionId session);

    /** Escalations in the given states of patients whose care team includes the clinician, oldest first. */
    Page<Escalation> forCareTeamOf(ClinicianId clinician, Set<EscalationState> states, PageRequest page);
}
