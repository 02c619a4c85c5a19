package org.eecs.application.patient;

import java.time.Clock;
import java.time.Year;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RegisteringPatient;
import org.eecs.application.port.in.ViewingPatients;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Patients.PatientCriteria;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;

/**
 * Registers pseudonymous patients and opens their records to their care team. The registering clinician joins
 * the care team, so that they can go on caring for the patient they registered.
 */
public final class PatientRegistry implements RegisteringPatient, ViewingPatients {

    private final Patients patients;
    private final CareTeams careTeams;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public PatientRegistry(Patients patients, CareTeams careTeams, CareRecordAccess access, Transactions transactions,
                           Clock clock) {
        this.patients = patients;
        this.careTeams = careTeams;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Patient register(RegisterPatient command) {
        Patient patient = Patient.register(command.alias(), command.birthYear(), command.gender(),
                command.preferredLanguage(), new Preferences(command.preferenceNotes()));
        Caller caller = command.caller();
        return transactions.inOne(() -> {
            access.requireRole(caller, Role.CLINICIAN, AuditAction.CREATE, EntityRef.patient(patient.id()));
            patients.save(patient);
            careTeams.add(patient.id(), caller.clinician());
            access.record(caller, AuditAction.CREATE, EntityRef.patient(patient.id()), patient.id());
            return patient;
        });
    }

    @Override
    public Patient read(Caller caller, PatientId patient) {
        return transactions.inOne(() -> access.patient(caller, patient, AuditAction.READ, EntityRef.patient(patient)));
    }

    @Override
    public Page<Patient> list(Caller caller, PatientFilter filter, PageRequest page) {
        Set<ClinicianId> careTeamIncludes = new HashSet<>();
        careTeamIncludes.add(caller.clinician());
        if (filter.careTeamMember() != null) {
            careTeamIncludes.add(filter.careTeamMember());
        }
        PatientCriteria criteria = new PatientCriteria(filter.aliasContains(),
                filter.ageGroup() == null ? null : birthYearsOf(filter.ageGroup()), careTeamIncludes);
        return transactions.inOne(() -> {
            Page<Patient> found = patients.list(criteria, page);
            found.items().forEach(patient ->
                    access.record(caller, AuditAction.READ, EntityRef.patient(patient.id()), patient.id()));
            return found;
        });
    }

    @Override
    public Patient updatePreferences(Caller caller, PatientId patient, List<String> notes) {
        Preferences preferences = new Preferences(notes);
        return transactions.inOne(() -> {
            Patient updated = access.patient(caller, patient, AuditAction.UPDATE, EntityRef.patient(patient))
                    .withPreferences(preferences);
            patients.save(updated);
            return updated;
        });
    }

    /** An age group as the birth years it holds this year; the domain's rule decides each year. */
    private Set<Integer> birthYearsOf(AgeGroup group) {
        Year now = Year.now(clock);
        return IntStream.rangeClosed(Patient.EARLIEST_BIRTH_YEAR, Patient.LATEST_BIRTH_YEAR)
                .filter(year -> AgeGroup.at(year, now) == group)
                .boxed()
                .collect(Collectors.toSet());
    }
}
