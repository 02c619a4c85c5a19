package org.eecs.application.fakes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.out.Patients;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;

public final class InMemoryPatients implements Patients {

    private final Map<PatientId, Patient> byId = new HashMap<>();

    @Override
    public void save(Patient patient) {
        byId.put(patient.id(), patient);
    }

    @Override
    public Optional<Patient> find(PatientId id) {
        return Optional.ofNullable(byId.get(id));
    }
}
