package org.eecs.application.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RegisteringPatient.RegisterPatient;
import org.eecs.application.port.out.Patients.PatientCriteria;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

class RegisteringPatientTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller DR_LI = new Caller(new Actor("dr-li", Role.CLINICIAN), "10.1.2.3", "req-42", "treatment");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final PatientRegistry registry = new PatientRegistry(hospital.patients, hospital.careTeams,
            hospital.access, hospital.transactions, hospital.clock);

    @Test
    void aRegisteredPatientIsStoredUnderAPseudonymAndTheRegistrationIsAudited() {
        Patient registered = registry.register(new RegisterPatient(DR_LI, "Robin", 1990, Gender.FEMALE, "zh-CN",
                List.of("prefers a calm voice")));
        PatientId id = registered.id();

        assertThat(hospital.patients.find(id)).hasValueSatisfying(patient -> {
            assertThat(patient).isEqualTo(registered);
            assertThat(patient.alias()).isEqualTo("Robin");
            assertThat(patient.preferences().notes()).containsExactly("prefers a calm voice");
        });
        assertThat(hospital.auditTrail.events()).singleElement().satisfies(chained -> assertThat(chained.event())
                .isEqualTo(new AuditEvent(DR_LI.actor(), AuditAction.CREATE, new EntityRef("Patient", id.toString()),
                        id, AuditOutcome.SUCCESS, NOW, "10.1.2.3", "treatment", "req-42")));
        assertThat(hospital.transactions.units()).as("patient, care team and audit event in one unit of work")
                .isEqualTo(1);
    }

    @Test
    void theRegisteringClinician_joinsThePatientsCareTeam_andCanOpenTheRecordAfterwards() {
        Patient registered = registry.register(new RegisterPatient(DR_LI, "Robin", 1990, Gender.FEMALE, "en", null));

        assertThat(hospital.careTeams.of(registered.id()).clinicians()).containsExactly(new ClinicianId("dr-li"));
        assertThat(registry.read(DR_LI, registered.id())).isEqualTo(registered);
    }

    @Test
    void aPatientWithoutAliasIsRefusedAndNothingIsRecorded() {
        assertThatThrownBy(() -> registry.register(
                new RegisterPatient(DR_LI, "  ", 1990, Gender.FEMALE, "en", List.of())))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("alias");

        assertThat(hospital.auditTrail.events()).isEmpty();
        assertThat(hospital.patients.list(new PatientCriteria(null, null, null),
                new PageRequest(0, 10)).total()).isZero();
    }
}
