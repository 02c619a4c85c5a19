package org.eecs.application.fakes;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eecs.application.port.out.CareTeams;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

public final class InMemoryCareTeams implements CareTeams, RollsBack {

    private final Map<PatientId, CareTeam> byPatient = new HashMap<>();

    @Override
    public CareTeam of(PatientId patient) {
        return byPatient.getOrDefault(patient, CareTeam.empty(patient));
    }

    @Override
    public void add(PatientId patient, ClinicianId clinician) {
        byPatient.put(patient, of(patient).with(clinician));
    }

    @Override
    public void remove(PatientId patient, ClinicianId clinician) {
        byPatient.put(patient, of(patient).without(clinician));
    }

    /** The criterion the listing ports share: the patient's care team includes every one of these clinicians. */
    public boolean includesAll(PatientId patient, Set<ClinicianId> clinicians) {
        return of(patient).clinicians().containsAll(clinicians);
    }

    @Override
    public Runnable checkpoint() {
        Map<PatientId, CareTeam> saved = Map.copyOf(byPatient);
        return () -> {
            byPatient.clear();
            byPatient.putAll(saved);
        };
    }
}
