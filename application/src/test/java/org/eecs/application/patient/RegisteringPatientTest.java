package org.eecs.application.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eecs.application.fakes.ImmediateTransactions;
import org.eecs.application.fakes.InMemoryAuditTrail;
import org.eecs.application.fakes.InMemoryPatients;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RegisteringPatient.RegisterPatient;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

class RegisteringPatientTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller DR_LI = new Caller(new Actor("dr-li", Role.CLINICIAN), "10.1.2.3", "req-42", "treatment");

    private final InMemoryPatients patients = new InMemoryPatients();
    private final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
    private final ImmediateTransactions transactions = new ImmediateTransactions();
    private final PatientRegistry registry =
            new PatientRegistry(patients, auditTrail, transactions, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRegisteredPatientIsStoredUnderAPseudonymAndTheRegistrationIsAudited() {
        PatientId id = registry.register(new RegisterPatient(DR_LI, "Robin", 1990, Gender.FEMALE, "zh-CN",
                List.of("prefers a calm voice")));

        assertThat(patients.find(id)).hasValueSatisfying(patient -> {
            assertThat(patient.alias()).isEqualTo("Robin");
            assertThat(patient.preferences().notes()).containsExactly("prefers a calm voice");
        });
        assertThat(auditTrail.events()).singleElement().satisfies(chained -> assertThat(chained.event()).isEqualTo(
                new AuditEvent(DR_LI.actor(), AuditAction.CREATE, new EntityRef("Patient", id.toString()), id,
                        AuditOutcome.SUCCESS, NOW, "10.1.2.3", "treatment", "req-42")));
        assertThat(transactions.units()).as("patient and audit event in one unit of work").isEqualTo(1);
    }

    @Test
    void aPatientWithoutAliasIsRefusedAndNothingIsRecorded() {
        assertThatThrownBy(() -> registry.register(
                new RegisterPatient(DR_LI, "  ", 1990, Gender.FEMALE, "en", List.of())))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("alias");

        assertThat(auditTrail.events()).isEmpty();
    }
}
