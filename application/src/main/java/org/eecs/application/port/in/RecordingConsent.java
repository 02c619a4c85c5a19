package org.eecs.application.port.in;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.patient.PatientId;

/**
 * A clinician of the care team records a patient's consent, or its withdrawal, as a new version, and reads
 * what is in force; every step is audited. The clinician who records a version is the caller.
 */
public interface RecordingConsent {

    /** @param recordingRetention how long recordings may be kept; required exactly when RECORDING_RETENTION is granted */
    Consent grant(Caller caller, PatientId patient, Set<ConsentScope> scopes, Duration recordingRetention);

    /** Takes effect at once, mid-session too. */
    Consent withdraw(Caller caller, PatientId patient);

    Optional<Consent> current(Caller caller, PatientId patient);

    ConsentHistory history(Caller caller, PatientId patient);
}
