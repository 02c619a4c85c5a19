package org.eecs.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorAndEntityRefTest {

    @Test
    void systemActorIsTheComponentActingAsSystem() {
        assertThat(Actor.system("retention-job")).isEqualTo(new Actor("retention-job", Role.SYSTEM));
    }

    @Test
    void actorNeedsAnIdAndARole() {
        assertThatThrownBy(() -> new Actor(" ", Role.CLINICIAN))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("actor id must not be blank");
        assertThatThrownBy(() -> new Actor("a".repeat(256), Role.CLINICIAN))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("actor id must be at most 255 characters");
        assertThatThrownBy(() -> new Actor("dr.chen", null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("actor role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Patient", "CareSession", "ConsentHistory", "Ab"})
    void entityTypeIsACapitalisedName(String type) {
        assertThat(new EntityRef(type, "1").type()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient", "P", "Care_Session", "Care Session", "", "Patient1", "A12345678901234567890123456789012345678901"})
    void malformedEntityType_isRejected(String type) {
        assertThatThrownBy(() -> new EntityRef(type, "1"))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("entity type must be a capitalised name")
                .hasMessageContaining("\"" + type + "\"");
    }

    @Test
    void entityTypeOf41LettersIsTheLongestAllowed() {
        assertThat(new EntityRef("A" + "b".repeat(40), "1").type()).hasSize(41);
        assertThatThrownBy(() -> new EntityRef("A" + "b".repeat(41), "1")).isInstanceOf(DomainViolation.class);
    }

    @Test
    void entityIdIsRequiredAndBounded() {
        assertThatThrownBy(() -> new EntityRef("Patient", "")).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("entity id must not be blank");
        assertThatThrownBy(() -> new EntityRef("Patient", "i".repeat(256))).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("entity id must be at most 255 characters");
    }

    @Test
    void careSessionRefUsesTheSessionId() {
        CareSessionId id = CareSessionId.newId();

        assertThat(EntityRef.careSession(id)).isEqualTo(new EntityRef("CareSession", id.toString()));
    }
}
