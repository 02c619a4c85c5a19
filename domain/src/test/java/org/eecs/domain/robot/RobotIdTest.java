package org.eecs.domain.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RobotIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"pepper-01", "a1", "7th-floor-robot", "robot-"})
    void keycloakSafeIds_areAccepted(String id) {
        assertThat(new RobotId(id).toString()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "Pepper-01", "-pepper", "robot_1", "robot 1", "robot.1"})
    void badRobotId_isRejectedNamingTheValue(String id) {
        assertThatThrownBy(() -> new RobotId(id))
                .isInstanceOf(DomainViolation.class)
                .hasMessageStartingWith("robot id must be 2 to 63 lower-case letters, digits or hyphens")
                .hasMessageEndingWith("got \"" + id + "\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 63})
    void lengthBoundsAreInclusive(int length) {
        assertThat(new RobotId("r".repeat(length)).value()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100})
    void idLongerThan63_isRejected(int length) {
        assertThatThrownBy(() -> new RobotId("r".repeat(length))).isInstanceOf(DomainViolation.class);
    }
}
