package org.eecs.application.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotPermitted;
import org.eecs.application.port.in.RecordingRefusedAccess;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;

/**
 * The one gate to patient records. A clinician opens only the records of patients in their care team; a robot
 * only its own sessions. Every opening is audited in the caller's unit of work; every refusal is audited in a
 * unit of its own, so that it is kept although the request fails, and looks to the caller exactly like a record
 * that does not exist. A use case opens records before it appends anything else to the audit trail: the
 * refusal's own unit must not wait for a chain lock its caller's unit already holds.
 */
public final class CareRecordAccess implements RecordingRefusedAccess {

    private final Patients patients;
    private final CareTeams careTeams;
    private final CareSessions sessions;
    private final AuditTrail auditTrail;
    private final Transactions transactions;
    private final Clock clock;

    public CareRecordAccess(Patients patients, CareTeams careTeams, CareSessions sessions, AuditTrail auditTrail,
                            Transactions transactions, Clock clock) {
        this.patients = patients;
        this.careTeams = careTeams;
        this.sessions = sessions;
        this.auditTrail = auditTrail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The patient, opened to the caller for this action on this entity; else {@link UnknownPatient}. */
    public Patient patient(Caller caller, PatientId id, AuditAction action, EntityRef entity) {
        Optional<Patient> patient = patients.find(id);
        if (patient.isEmpty() || !caresFor(caller, id)) {
            refuse(caller, action, entity, id, patient.isPresent());
            throw new UnknownPatient(id);
        }
        record(caller, action, entity, id);
        return patient.get();
    }

    /** The session, opened to the caller for this action on this entity; else {@link UnknownCareSession}. */
    public CareSession session(Caller caller, CareSessionId id, AuditAction action, EntityRef entity) {
        CareSession session = sessionToRecordLater(caller, id, action, entity);
        record(caller, action, entity, session.patient());
        return session;
    }

    /**
     * As {@link #session}, but the opening is not yet audited: the caller {@link #record records} it later, in the
     * unit of work that acts on what it read, or in a unit of its own if that never commits. A refusal is audited
     * at once, as always. This keeps a unit that only reads free of any write (a care turn reads first, then works
     * for a while outside any unit, then records everything in one).
     */
    public CareSession sessionToRecordLater(Caller caller, CareSessionId id, AuditAction action, EntityRef entity) {
        return sessionToRecordLater(caller, id, sessions.find(id), action, entity);
    }

    /**
     * As {@link #sessionToRecordLater(Caller, CareSessionId, AuditAction, EntityRef)}, for a session the caller has
     * just read itself with what else it needs ({@code session}: empty if there is none), in one read, rather than
     * have it read a second time here.
     */
    public CareSession sessionToRecordLater(Caller caller, CareSessionId id, Optional<CareSession> session,
                                            AuditAction action, EntityRef entity) {
        if (session.isPresent() && !session.get().id().equals(id)) {
            throw new IllegalArgumentException("session " + session.get().id() + " read for session " + id);
        }
        boolean allowed = session.map(found -> caller.actsAs(Role.ROBOT)
                ? found.robot().value().equals(caller.actor().id())
                : caresFor(caller, found.patient())).orElse(false);
        if (!allowed) {
            refuse(caller, action, entity, session.map(CareSession::patient).orElse(null), session.isPresent());
            throw new UnknownCareSession(id);
        }
        return session.get();
    }

    /**
     * Refuses, and audits as DENIED, a caller whose role does not allow the use case at all. The web layer's
     * rules turn such callers away first; this keeps the application's own promise without them.
     */
    public void requireRole(Caller caller, Role role, AuditAction action, EntityRef entity) {
        if (!caller.actsAs(role)) {
            refuse(caller, action, entity, null, true);
            throw new NotPermitted(caller.actor().role(), action.name().toLowerCase(Locale.ROOT) + " "
                    + entity.type());
        }
    }

    /** As {@link #requireRole}, for a use case open to any of several roles. */
    public void requireOneOf(Caller caller, Set<Role> roles, AuditAction action, EntityRef entity) {
        if (roles.stream().noneMatch(caller::actsAs)) {
            refuse(caller, action, entity, null, true);
            throw new NotPermitted(caller.actor().role(), action.name().toLowerCase(Locale.ROOT) + " "
                    + entity.type());
        }
    }

    /**
     * Whether the caller may see this patient's records in the exchange with the hospital: the hospital's
     * information system (INTEGRATION) every patient's, a clinician their care team's, nobody else any.
     */
    public boolean shares(Caller caller, PatientId patient) {
        return caller.actsAs(Role.INTEGRATION) || caresFor(caller, patient);
    }

    /** Audits, as FAILURE, an act on a record that does not exist; the caller's unit is about to fail. */
    public void missing(Caller caller, AuditAction action, EntityRef entity) {
        refuse(caller, action, entity, null, false);
    }

    /** Audits a successful act in the caller's unit of work. */
    public void record(Caller caller, AuditAction action, EntityRef entity, PatientId patient) {
        auditTrail.append(caller.audit(action, entity, patient, AuditOutcome.SUCCESS, clock.instant()));
    }

    /**
     * Audits successful acts on one patient's records in the caller's unit of work, appended together, in this order:
     * one write to the audit trail however many they are.
     */
    public void record(Caller caller, PatientId patient, List<Act> acts) {
        Instant at = clock.instant();
        auditTrail.append(acts.stream()
                .map(act -> caller.audit(act.action(), act.entity(), patient, AuditOutcome.SUCCESS, at))
                .toList());
    }

    /** An act on a patient's record: what was done, to which entity. */
    public record Act(AuditAction action, EntityRef entity) {
    }

    @Override
    public void refused(Caller caller, AuditAction action, EntityRef entity, PatientId patient) {
        refuse(caller, action, entity, patient, true);
    }

    private boolean caresFor(Caller caller, PatientId patient) {
        return caller.actsAs(Role.CLINICIAN) && careTeams.of(patient).includes(caller.clinician());
    }

    private void refuse(Caller caller, AuditAction action, EntityRef entity, PatientId patient, boolean exists) {
        AuditOutcome outcome = exists ? AuditOutcome.DENIED : AuditOutcome.FAILURE;
        transactions.inSeparateOne(
                () -> auditTrail.append(caller.audit(action, entity, patient, outcome, clock.instant())));
    }
}
