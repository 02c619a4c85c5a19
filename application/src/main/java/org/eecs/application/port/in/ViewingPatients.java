package org.eecs.application.port.in;

import java.util.List;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;

/** A clinician looks up the patients of their care team and keeps their stated preferences current. */
public interface ViewingPatients {

    Patient read(Caller caller, PatientId patient);

    /** Only ever patients of the caller's own care team; each one listed is an audited read. */
    Page<Patient> list(Caller caller, PatientFilter filter, PageRequest page);

    Patient updatePreferences(Caller caller, PatientId patient, List<String> notes);

    /**
     * @param aliasContains part of the alias, any case; null for any
     * @param ageGroup      null for any
     * @param careTeamMember patients this clinician also cares for; null for any
     */
    record PatientFilter(String aliasContains, AgeGroup ageGroup, ClinicianId careTeamMember) {
        public static PatientFilter none() {
            return new PatientFilter(null, null, null);
        }
    }
}
