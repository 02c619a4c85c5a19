package org.eecs.application.patient;

import java.time.Clock;
import org.eecs.application.port.in.RegisteringPatient;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;

/** Registers pseudonymous patients; the registration and its audit event commit together. */
public final class PatientRegistry implements RegisteringPatient {

    private final Patients patients;
    private final AuditTrail auditTrail;
    private final Transactions transactions;
    private final Clock clock;

    public PatientRegistry(Patients patients, AuditTrail auditTrail, Transactions transactions, Clock clock) {
        this.patients = patients;
        this.auditTrail = auditTrail;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public PatientId register(RegisterPatient command) {
        Patient patient = Patient.register(command.alias(), command.birthYear(), command.gender(),
                command.preferredLanguage(), new Preferences(command.preferenceNotes()));
        return transactions.inOne(() -> {
            patients.save(patient);
            auditTrail.append(command.caller().audit(AuditAction.CREATE,
                    new EntityRef("Patient", patient.id().toString()), patient.id(), AuditOutcome.SUCCESS, clock.instant()));
            return patient.id();
        });
    }
}
