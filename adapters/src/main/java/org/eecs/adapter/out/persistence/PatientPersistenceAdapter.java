package org.eecs.adapter.out.persistence;

import java.util.Optional;
import java.util.stream.Collectors;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Patients;
import org.eecs.domain.patient.CareTeam;
import org.eecs.domain.patient.ClinicianId;
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

    PatientPersistenceAdapter(PatientRepository patients, CareTeamMemberRepository members) {
        this.patients = patients;
        this.members = members;
    }

    @Override
    public void save(Patient patient) {
        PatientEntity entity = patients.findById(patient.id().value()).orElseGet(PatientEntity::new);
        entity.id = patient.id().value();
        entity.alias = patient.alias();
        entity.birthYear = patient.birthYear();
        entity.gender = patient.gender();
        entity.preferredLanguage = patient.preferredLanguage();
        entity.preferences.clear();
        entity.preferences.addAll(patient.preferences().notes());
        patients.save(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Patient> find(PatientId id) {
        return patients.findById(id.value()).map(entity -> new Patient(new PatientId(entity.id), entity.alias,
                entity.birthYear, entity.gender, entity.preferredLanguage, new Preferences(entity.preferences)));
    }

    @Override
    @Transactional(readOnly = true)
    public CareTeam of(PatientId patient) {
        return new CareTeam(patient, members.findByKeyPatientId(patient.value()).stream()
                .map(member -> new ClinicianId(member.key.clinicianId()))
                .collect(Collectors.toSet()));
    }

    @Override
    public void save(CareTeam team) {
        members.deleteByKeyPatientId(team.patient().value());
        members.flush();
        team.clinicians().forEach(clinician ->
                members.save(new CareTeamMemberEntity(team.patient().value(), clinician.value())));
    }
}
