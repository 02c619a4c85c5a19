package org.eecs.domain.patient;

import java.util.HashSet;
import java.util.Set;
import org.eecs.domain.Require;

/** The clinicians allowed to see and act for one patient; everyone else is refused. */
public record CareTeam(PatientId patient, Set<ClinicianId> clinicians) {

    public CareTeam {
        Require.present("patient", patient);
        Require.present("clinicians", clinicians);
        for (ClinicianId clinician : clinicians) {
            Require.present("clinician in the care team", clinician);
        }
        clinicians = Set.copyOf(clinicians);
    }

    public static CareTeam empty(PatientId patient) {
        return new CareTeam(patient, Set.of());
    }

    public boolean includes(ClinicianId clinician) {
        return clinician != null && clinicians.contains(clinician);
    }

    public CareTeam with(ClinicianId clinician) {
        Require.present("clinician", clinician);
        Set<ClinicianId> next = new HashSet<>(clinicians);
        next.add(clinician);
        return new CareTeam(patient, next);
    }

    public CareTeam without(ClinicianId clinician) {
        Require.present("clinician", clinician);
        Set<ClinicianId> next = new HashSet<>(clinicians);
        next.remove(clinician);
        return new CareTeam(patient, next);
    }
}
