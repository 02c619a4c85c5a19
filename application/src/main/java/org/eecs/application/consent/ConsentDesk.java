package org.eecs.application.consent;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RecordingConsent;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentWithdrawn;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.patient.PatientId;

/**
 * Records consent versions. A withdrawal is a version of its own that takes effect at once: what depends on the
 * consent follows up in the same unit of work ({@link WhenConsentIsWithdrawn}); each version and its audit event
 * commit together. Two clinicians recording at the same moment cannot both write one version:
 * the store refuses the second.
 */
public final class ConsentDesk implements RecordingConsent {

    private final Consents consents;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;
    private final WhenConsentIsWithdrawn followUp;

    public ConsentDesk(Consents consents, CareRecordAccess access, Transactions transactions, Clock clock,
                       WhenConsentIsWithdrawn followUp) {
        this.consents = consents;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
        this.followUp = followUp;
    }

    @Override
    public Consent grant(Caller caller, PatientId patient, Set<ConsentScope> scopes, Duration recordingRetention) {
        return transactions.inOne(() -> {
            Consent next = openForNextVersion(caller, patient, AuditAction.CREATE)
                    .grant(scopes, recordingRetention, clock.instant(), caller.clinician());
            consents.append(next);
            return next;
        });
    }

    @Override
    public Consent withdraw(Caller caller, PatientId patient) {
        return transactions.inOne(() -> {
            Consent next = openForNextVersion(caller, patient, AuditAction.UPDATE)
                    .withdraw(clock.instant(), caller.clinician());
            consents.append(next);
            followUp.consentWithdrawn(caller, new ConsentWithdrawn(patient, next.version(), next.effectiveFrom()));
            return next;
        });
    }

    @Override
    public Optional<Consent> current(Caller caller, PatientId patient) {
        return transactions.inOne(() -> {
            access.patient(caller, patient, AuditAction.READ, new EntityRef("Consent", patient.toString()));
            return consents.historyOf(patient).current();
        });
    }

    @Override
    public ConsentHistory history(Caller caller, PatientId patient) {
        return transactions.inOne(() -> {
            access.patient(caller, patient, AuditAction.READ, new EntityRef("Consent", patient.toString()));
            return consents.historyOf(patient);
        });
    }

    /** Opens the records for recording the next version; the audit names that version ("patient/version"). */
    private ConsentHistory openForNextVersion(Caller caller, PatientId patient, AuditAction action) {
        ConsentHistory history = consents.historyOf(patient);
        int next = history.versions().size() + 1;
        access.patient(caller, patient, action, new EntityRef("Consent", patient + "/" + next));
        return history;
    }
}
