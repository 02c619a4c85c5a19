package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class ClinicianIdTest {

    @Test
    void keycloakSubjectIsAccepted() {
        assertThat(new ClinicianId("dr.chen").value()).isEqualTo("dr.chen");
    }

    @Test
    void blankId_isRejected() {
        assertThatThrownBy(() -> new ClinicianId("  "))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("clinician id must not be blank");
    }

    @Test
    void idLongerThan255_isRejected() {
        assertThat(new ClinicianId("c".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new ClinicianId("c".repeat(256)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("at most 255 characters, got 256");
    }
}
