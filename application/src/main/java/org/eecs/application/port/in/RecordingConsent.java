package org.eecs.application.port.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/** A clinician records a patient's consent, or its withdrawal, as a new version; both are audited. */
public interface RecordingConsent {

    Consent grant(GrantConsent command);

    Consent withdraw(WithdrawConsent command);

    /**
     * @param recordingRetention how long recordings may be kept; required exactly when RECORDING_RETENTION is granted
     */
    record GrantConsent(Caller caller, ClinicianId recordedBy, PatientId patient, Set<ConsentScope> scopes,
                        Duration recordingRetention) {
        public GrantConsent {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(recordedBy, "recordedBy");
            Objects.requireNonNull(patient, "patient");
            scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        }
    }

    record WithdrawConsent(Caller caller, ClinicianId recordedBy, PatientId patient) {
        public WithdrawConsent {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(recordedBy, "recordedBy");
            Objects.requireNonNull(patient, "patient");
        }
    }
}
