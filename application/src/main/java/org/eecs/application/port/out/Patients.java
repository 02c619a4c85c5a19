package org.eecs.application.port.out;

import java.util.Optional;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;

/** The register of pseudonymous patients. */
public interface Patients {

    void save(Patient patient);

    Optional<Patient> find(PatientId id);
}
