package org.eecs.application.port.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.eecs.application.port.records.CareRecord;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.PatientId;

/**
 * The hospital's information system (role INTEGRATION) registers patients under its own identifiers and records
 * their consent. Each write is audited. A patient registered this way has no care team until an administrator
 * assigns one.
 */
public interface ReceivingHospitalRecords {

    Registration registerPatient(RegisterHospitalPatient command);

    /** Records the patient's next consent version. */
    CareRecord.ConsentRecord recordConsent(RecordHospitalConsent command);

    /**
     * @param onlyIfAbsent when a patient with this identifier exists already, answer it instead of refusing
     *                     (the hospital's conditional create); otherwise such a patient is a {@link Conflict}
     */
    record RegisterHospitalPatient(Caller caller, HospitalIdentifier identifier, String alias, int birthYear,
                                   Gender gender, String preferredLanguage, boolean onlyIfAbsent) {
        public RegisterHospitalPatient {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** @param created false when the patient was registered already and is answered as it is */
    record Registration(CareRecord.PatientRecord patient, boolean created) {
    }

    /**
     * @param status             GRANTED with at least one scope, or WITHDRAWN with none
     * @param recordingRetention required exactly when RECORDING_RETENTION is granted
     * @param expectedVersion    the version the hospital last saw (0: none yet); null to record whatever the
     *                           current version is. A different current version is a {@link VersionConflict}.
     */
    record RecordHospitalConsent(Caller caller, PatientId patient, ConsentStatus status, Set<ConsentScope> scopes,
                                 Duration recordingRetention, Long expectedVersion) {
        public RecordHospitalConsent {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(status, "status");
            scopes = Set.copyOf(scopes);
        }
    }
}
