package org.eecs.domain.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class RobotTest {

    private static final RobotId ID = new RobotId("pepper-01");

    @Test
    void robotIsNamedModelledAndProfiled() {
        Robot robot = new Robot(ID, "Pepper on ward 3", "Pepper 1.8a", "profiles/pepper-ward3.yaml");

        assertThat(robot.id()).isEqualTo(ID);
    }

    @Test
    void blankNameModelOrProfile_isRejected() {
        assertThatThrownBy(() -> new Robot(ID, " ", "Pepper", "p"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("robot name must not be blank");
        assertThatThrownBy(() -> new Robot(ID, "Pepper", "", "p"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("robot model must not be blank");
        assertThatThrownBy(() -> new Robot(ID, "Pepper", "Pepper", null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("profileReference");
    }

    @Test
    void overlongFields_areRejected() {
        assertThatThrownBy(() -> new Robot(ID, "n".repeat(121), "Pepper", "p"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("robot name must be at most 120 characters");
        assertThatThrownBy(() -> new Robot(ID, "Pepper", "m".repeat(121), "p"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("robot model must be at most 120 characters");
        assertThatThrownBy(() -> new Robot(ID, "Pepper", "Pepper", "p".repeat(256)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("profileReference must be at most 255 characters");
    }
}
