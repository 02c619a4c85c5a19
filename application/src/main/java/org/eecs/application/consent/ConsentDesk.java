package org.eecs.application.consent;

import java.time.Clock;
import java.time.Instant;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RecordingConsent;
import org.eecs.application.port.in.UnknownPatient;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.patient.PatientId;

/**
 * Records consent versions. A withdrawal is a version of its own that takes effect at once;
 * each version and its audit event commit together.
 */
public final class ConsentDesk implements RecordingConsent {

    private final Patients patients;
    private final Consents consents;
    private final AuditTrail auditTrail;
    private final Transactions transactions;
    private final Clock clock;

    public ConsentDesk(Patients patients, Consents consents, AuditTrail auditTrail, Transactions transactions,
                       Clock clock) {
        this.patients = patients;
        this.consents = consents;
        this.auditTrail = auditTrail;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Consent grant(GrantConsent command) {
        return transactions.inOne(() -> {
            Instant now = clock.instant();
            Consent next = historyOf(command.patient())
                    .grant(command.scopes(), command.recordingRetention(), now, command.recordedBy());
            return record(next, AuditAction.CREATE, command.caller(), now);
        });
    }

    @Override
    public Consent withdraw(WithdrawConsent command) {
        return transactions.inOne(() -> {
            Instant now = clock.instant();
            Consent next = historyOf(command.patient()).withdraw(now, command.recordedBy());
            return record(next, AuditAction.UPDATE, command.caller(), now);
        });
    }

    private ConsentHistory historyOf(PatientId patient) {
        if (patients.find(patient).isEmpty()) {
            throw new UnknownPatient(patient);
        }
        return consents.historyOf(patient);
    }

    private Consent record(Consent next, AuditAction action, Caller caller, Instant now) {
        consents.append(next);
        auditTrail.append(caller.audit(action, new EntityRef("Consent", next.patient() + "/" + next.version()),
                next.patient(), AuditOutcome.SUCCESS, now));
        return next;
    }
}
