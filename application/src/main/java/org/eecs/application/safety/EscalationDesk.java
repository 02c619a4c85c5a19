package org.eecs.application.safety;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.HandlingEscalations;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownEscalation;
import org.eecs.application.port.out.AlertClinicians;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSessionId;

/**
 * Escalations for the clinicians of the patient's care team, and nobody else: a clinician outside it finds no such
 * escalation, as with any other record. Each change is audited and alerted in the same unit of work.
 */
public final class EscalationDesk implements HandlingEscalations {

    private final Escalations escalations;
    private final AlertClinicians alerts;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public EscalationDesk(Escalations escalations, AlertClinicians alerts, CareRecordAccess access,
                          Transactions transactions, Clock clock) {
        this.escalations = escalations;
        this.alerts = alerts;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Escalation> ofSession(Caller caller, CareSessionId session) {
        EntityRef entity = new EntityRef("Escalation", session.toString());
        return transactions.inOne(() -> {
            access.requireRole(caller, Role.CLINICIAN, AuditAction.READ, entity);
            access.session(caller, session, AuditAction.READ, entity);
            return escalations.ofSession(session);
        });
    }

    @Override
    public Page<Escalation> forMyPatients(Caller caller, Set<EscalationState> states, PageRequest page) {
        Set<EscalationState> wanted = states.isEmpty() ? EnumSet.allOf(EscalationState.class) : Set.copyOf(states);
        return transactions.inOne(() -> {
            access.requireRole(caller, Role.CLINICIAN, AuditAction.READ, new EntityRef("Escalation", "care-team"));
            Page<Escalation> found = escalations.forCareTeamOf(caller.clinician(), wanted, page);
            found.items().forEach(escalation -> access.record(caller, AuditAction.READ, entity(escalation.id()),
                    escalation.patient()));
            return found;
        });
    }

    @Override
    public Escalation acknowledge(Caller caller, EscalationId escalation) {
        return change(caller, escalation, (open, clinician) -> open.acknowledge(clinician.clinician(), clock.instant()));
    }

    @Override
    public Escalation resolve(Caller caller, EscalationId escalation, String resolution) {
        return change(caller, escalation,
                (current, clinician) -> current.resolve(clinician.clinician(), clock.instant(), resolution));
    }

    private Escalation change(Caller caller, EscalationId id, BiFunction<Escalation, Caller, Escalation> step) {
        EntityRef entity = entity(id);
        return transactions.inOne(() -> {
            access.requireRole(caller, Role.CLINICIAN, AuditAction.UPDATE, entity);
            Escalation current = escalations.find(id).orElse(null);
            if (current == null) {
                access.missing(caller, AuditAction.UPDATE, entity);
                throw new UnknownEscalation(id);
            }
            try {
                access.session(caller, current.session(), AuditAction.UPDATE, entity);
            } catch (UnknownCareSession outsideTheCareTeam) {
                // the refusal is audited; the caller learns nothing, not even the session's id
                throw new UnknownEscalation(id);
            }
            Escalation changed;
            try {
                changed = step.apply(current, caller);
            } catch (Escalation.IllegalEscalationStep refused) {
                throw new Conflict("escalation-" + refused.state().name().toLowerCase(Locale.ROOT),
                        refused.getMessage());
            }
            escalations.save(changed);
            alerts.alert(changed);
            return changed;
        });
    }

    private static EntityRef entity(EscalationId id) {
        return new EntityRef("Escalation", id.toString());
    }
}
