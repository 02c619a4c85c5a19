package org.eecs.application.fakes;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.Patients;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;

/** Patients in a map; care-team criteria are answered from the care teams it is given. */
public final class InMemoryPatients implements Patients, RollsBack {

    private static final Comparator<Patient> BY_ALIAS =
            Comparator.comparing(Patient::alias).thenComparing(patient -> patient.id().value());

    private final Map<PatientId, Patient> byId = new HashMap<>();
    private final InMemoryCareTeams careTeams;

    public InMemoryPatients(InMemoryCareTeams careTeams) {
        this.careTeams = careTeams;
    }

    @Override
    public void save(Patient patient) {
        byId.put(patient.id(), patient);
    }

    @Override
    public Optional<Patient> find(PatientId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Patient> findByHospitalIdentifier(HospitalIdentifier identifier) {
        return byId.values().stream().filter(patient -> identifier.equals(patient.hospitalIdentifier())).findFirst();
    }

    @Override
    public Page<Patient> list(PatientCriteria criteria, PageRequest page) {
        List<Patient> matching = byId.values().stream()
                .filter(patient -> criteria.aliasContains() == null || lower(patient.alias())
                        .contains(lower(criteria.aliasContains())))
                .filter(patient -> criteria.birthYears() == null
                        || criteria.birthYears().contains(patient.birthYear()))
                .filter(patient -> careTeams.includesAll(patient.id(), criteria.careTeamIncludes()))
                .sorted(BY_ALIAS)
                .toList();
        return Paging.page(matching, page);
    }

    /** Everything stored, in no particular order. */
    public List<Patient> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public Runnable checkpoint() {
        Map<PatientId, Patient> saved = Map.copyOf(byId);
        return () -> {
            byId.clear();
            byId.putAll(saved);
        };
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
