package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Patients;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class PatientPersistenceAdapter implements Patients, CareTeams {

    private final PatientRepository patients;
    private final CareTeamMemberRepository members;
    private final EntityManager entityManager;

    PatientPersistenceAdapter(PatientRepository patients, CareTeamMemberRepository members,
                              EntityManager entityManager) {
        this.patients = patients;
        this.members = members;
        this.entityManager = entityManager;
    }

    @Override
    public void save(Patient patient) {
        PatientEntity entity = patients.findById(patient.id().value()).orElseGet(PatientEntity::new);
        entity.id = patient.id().value();
        entity.alias = patient.alias();
        entity.birthYear = patient.birthYear();
        entity.gender = patient.gender();
        entity.preferredLanguage = patient.preferredLanguage();
        entity.identifierSystem = patient.hospitalIdentifier() == null ? null : patient.hospitalIdentifier().system();
        entity.identifierValue = patient.hospitalIdentifier() == null ? null : patient.hospitalIdentifier().value();
        entity.preferences.clear();
        entity.preferences.addAll(patient.preferences().notes());
        patients.save(entity);
        // written now, so that the plain-SQL readers of this unit of work (the care records shared with the
        // hospital) see it too
        entityManager.flush();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Patient> find(PatientId id) {
        return patients.findWithPreferences(id.value()).map(PatientPersistenceAdapter::toDomain);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Patient> findByHospitalIdentifier(HospitalIdentifier identifier) {
        return patients.findByIdentifierSystemAndIdentifierValue(identifier.system(), identifier.value())
                .map(PatientPersistenceAdapter::toDomain);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Patient> list(PatientCriteria criteria, PageRequest page) {
        Jpql<PatientEntity> query = new Jpql<>(PatientEntity.class, "p");
        if (criteria.aliasContains() != null && !criteria.aliasContains().isBlank()) {
            query.where("lower(p.alias) like :alias escape '\\'", "alias", Jpql.containing(criteria.aliasContains()));
        }
        if (criteria.birthYears() != null) {
            query.where("p.birthYear in :birthYears", "birthYears", criteria.birthYears());
        }
        int member = 0;
        for (ClinicianId clinician : criteria.careTeamIncludes()) {
            String name = "member" + member++;
            query.where("exists (select 1 from CareTeamMemberEntity m where m.key.patientId = p.id"
                    + " and m.key.clinicianId = :" + name + ")", name, clinician.value());
        }
        return query.page(entityManager, "p.alias, p.id", page).map(PatientPersistenceAdapter::toDomain);
    }

    private static Patient toDomain(PatientEntity entity) {
        return new Patient(new PatientId(entity.id), entity.alias, entity.birthYear, entity.gender,
                entity.preferredLanguage, new Preferences(entity.preferences), entity.identifierSystem == null ? null
                        : new HospitalIdentifier(entity.identifierSystem, entity.identifierValue));
    }

    @Override
    @Transactional(readOnly = true)
    public CareTeam of(PatientId patient) {
        return new CareTeam(patient, members.findByKeyPatientId(patient.value()).stream()
                .map(member -> new ClinicianId(member.key.clinicianId()))
                .collect(Collectors.toSet()));
    }

    @Override
    public void add(PatientId patient, ClinicianId clinician) {
        CareTeamMemberEntity.Key key = new CareTeamMemberEntity.Key(patient.value(), clinician.value());
        if (!members.existsById(key)) {
            members.save(new CareTeamMemberEntity(patient.value(), clinician.value()));
        }
    }

    @Override
    public void remove(PatientId patient, ClinicianId clinician) {
        members.deleteById(new CareTeamMemberEntity.Key(patient.value(), clinician.value()));
    }
}
