package org.eecs.application.port.in;

import java.util.List;
import java.util.Objects;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;

/**
 * A clinician registers a patient under a pseudonym and joins the patient's care team; the registration is
 * audited.
 */
public interface RegisteringPatient {

    Patient register(RegisterPatient command);

    record RegisterPatient(Caller caller, String alias, int birthYear, Gender gender, String preferredLanguage,
                           List<String> preferenceNotes) {
        public RegisterPatient {
            Objects.requireNonNull(caller, "caller");
            preferenceNotes = preferenceNotes == null ? List.of() : List.copyOf(preferenceNotes);
        }
    }
}
