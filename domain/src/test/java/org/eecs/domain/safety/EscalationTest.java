package org.eecs.domain.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;

class EscalationTest {

    private static final Instant RAISED = Instant.parse("2026-11-25T10:00:00Z");
    private static final ClinicianId NURSE = new ClinicianId("nurse-ana");

    private static Escalation raised() {
        return Escalation.raise(CareSessionId.newId(), PatientId.newId(),
                new CrisisSignal(CrisisCategory.SUICIDE, "rule suicide: \\bend my life\\b"),
                "I want to end my life.", RAISED);
    }

    @Test
    void aRaisedEscalationIsOpenAndCarriesWhatWasSaidAndWhy() {
        Escalation escalation = raised();

        assertThat(escalation.state()).isEqualTo(EscalationState.OPEN);
        assertThat(escalation.category()).isEqualTo(CrisisCategory.SUICIDE);
        assertThat(escalation.utterance()).isEqualTo("I want to end my life.");
        assertThat(escalation.signal().evidence()).contains("end my life");
    }

    @Test
    void openThenAcknowledgedThenResolved() {
        Escalation acknowledged = raised().acknowledge(NURSE, RAISED.plusSeconds(40));
        Escalation resolved = acknowledged.resolve(NURSE, RAISED.plusSeconds(600), "Sat with the patient; psychiatry paged.");

        assertThat(acknowledged.state()).isEqualTo(EscalationState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo(NURSE);
        assertThat(resolved.state()).isEqualTo(EscalationState.RESOLVED);
        assertThat(resolved.acknowledgedAt()).isEqualTo(RAISED.plusSeconds(40));
        assertThat(resolved.resolution()).startsWith("Sat with the patient");
    }

    @Test
    void anOpenEscalationMayBeResolvedAtOnce() {
        Escalation resolved = raised().resolve(NURSE, RAISED.plusSeconds(60), "False alarm: a line from a film.");

        assertThat(resolved.state()).isEqualTo(EscalationState.RESOLVED);
        assertThat(resolved.acknowledgedBy()).isNull();
    }

    @Test
    void nothingLeavesResolvedAndNothingIsAcknowledgedTwice() {
        Escalation acknowledged = raised().acknowledge(NURSE, RAISED.plusSeconds(1));
        Escalation resolved = acknowledged.resolve(NURSE, RAISED.plusSeconds(2), "Handled.");

        assertThatThrownBy(() -> acknowledged.acknowledge(NURSE, RAISED.plusSeconds(3)))
                .isInstanceOf(Escalation.IllegalEscalationStep.class).hasMessageContaining("is ACKNOWLEDGED");
        assertThatThrownBy(() -> resolved.resolve(NURSE, RAISED.plusSeconds(3), "Again."))
                .isInstanceOf(Escalation.IllegalEscalationStep.class).hasMessageContaining("cannot be resolved");
        assertThatThrownBy(() -> resolved.acknowledge(NURSE, RAISED.plusSeconds(3)))
                .isInstanceOf(Escalation.IllegalEscalationStep.class);
    }

    @Test
    void aResolutionNeedsANoteAndComesAfterTheRaise() {
        assertThatThrownBy(() -> raised().resolve(NURSE, RAISED.plusSeconds(5), " "))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("resolution must not be blank");
        assertThatThrownBy(() -> raised().acknowledge(NURSE, RAISED.minusSeconds(5)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("before");
    }

    @Test
    void categoriesReadAsCliniciansWriteThem() {
        assertThat(CrisisCategory.fromLabel("self-harm")).isEqualTo(CrisisCategory.SELF_HARM);
        assertThat(CrisisCategory.fromLabel("Medical emergency")).isEqualTo(CrisisCategory.MEDICAL_EMERGENCY);
        assertThat(CrisisCategory.SELF_HARM.label()).isEqualTo("self-harm");
        assertThatThrownBy(() -> CrisisCategory.fromLabel("sadness"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("allowed: suicide");
    }
}
