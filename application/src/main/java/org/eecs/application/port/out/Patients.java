package org.eecs.application.port.out;

import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;

/** The register of pseudonymous patients. */
public interface Patients {

    void save(Patient patient);

    Optional<Patient> find(PatientId id);

    /** The patient registered under this hospital identifier, if any. */
    Optional<Patient> findByHospitalIdentifier(HospitalIdentifier identifier);

    /** Patients matching every given criterion, ordered by alias. */
    Page<Patient> list(PatientCriteria criteria, PageRequest page);

    /**
     * @param aliasContains  part of the alias, any case; null for any
     * @param birthYears     the birth years to include; null for any (an age group is a set of birth years)
     * @param careTeamIncludes only patients whose care team includes every one of these clinicians; empty for any
     */
    record PatientCriteria(String aliasContains, Set<Integer> birthYears, Set<ClinicianId> careTeamIncludes) {
        public PatientCriteria {
            birthYears = birthYears == null ? null : Set.copyOf(birthYears);
            careTeamIncludes = careTeamIncludes == null ? Set.of() : Set.copyOf(careTeamIncludes);
        }
    }
}
