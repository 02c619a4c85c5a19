package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class PatientIdTest {

    @Test
    void newIdsAreDistinct() {
        assertThat(PatientId.newId()).isNotEqualTo(PatientId.newId());
    }

    @Test
    void printsAndParsesAsPlainUuidText() {
        PatientId id = PatientId.of("123e4567-e89b-12d3-a456-426614174000");

        assertThat(id.toString()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(PatientId.of(id.toString())).isEqualTo(id);
    }

    @Test
    void textThatIsNotAUuid_isRejectedNamingTheValue() {
        assertThatThrownBy(() -> PatientId.of("patient-7"))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("patient id")
                .hasMessageContaining("\"patient-7\"");
    }

    @Test
    void abbreviatedUuidText_isRejected() {
        assertThatThrownBy(() -> PatientId.of("1-2-3-4-5")).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> PatientId.of(null)).isInstanceOf(DomainViolation.class);
    }
}
