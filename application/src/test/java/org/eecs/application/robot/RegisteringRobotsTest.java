package org.eecs.application.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.application.testing.Hospital.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.UnknownRobot;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.junit.jupiter.api.Test;

class RegisteringRobotsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller ADMIN = admin("admin-ann");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final RobotRegistry registry = new RobotRegistry(hospital.robots, hospital.access, hospital.transactions);

    @Test
    void aRegisteredRobotIsStored_andTheRegistrationIsAudited() {
        Robot pepper = robot("pepper-1", "Pepper");

        Robot registered = registry.register(ADMIN, pepper);

        assertThat(registered).isEqualTo(pepper);
        assertThat(hospital.robots.find(pepper.id())).contains(pepper);
        assertThat(hospital.audited()).singleElement().isEqualTo(new AuditEvent(ADMIN.actor(), AuditAction.CREATE,
                new EntityRef("Robot", "pepper-1"), null, AuditOutcome.SUCCESS, NOW, "10.1.2.3", "treatment",
                "req-admin-ann"));
    }

    @Test
    void registeringTheSameIdTwice_isAConflict_andTheFirstRegistrationStands() {
        registry.register(ADMIN, robot("pepper-1", "Pepper"));

        assertThatThrownBy(() -> registry.register(ADMIN, robot("pepper-1", "Impostor")))
                .isInstanceOfSatisfying(Conflict.class,
                        conflict -> assertThat(conflict.kind()).isEqualTo("robot-already-registered"));

        assertThat(hospital.robots.find(new RobotId("pepper-1"))).hasValueSatisfying(
                stored -> assertThat(stored.name()).isEqualTo("Pepper"));
        assertThat(hospital.audited()).extracting(AuditEvent::action).containsExactly(AuditAction.CREATE);
    }

    @Test
    void aRegisteredRobotCanBeReadBack() {
        Robot pepper = registry.register(ADMIN, robot("pepper-1", "Pepper"));

        assertThat(registry.read(ADMIN, pepper.id())).isEqualTo(pepper);
    }

    @Test
    void readingARobotThatIsNotRegistered_isUnknownRobot() {
        assertThatThrownBy(() -> registry.read(ADMIN, new RobotId("ghost-9")))
                .isInstanceOf(UnknownRobot.class)
                .hasMessageContaining("ghost-9");
    }

    @Test
    void theListHoldsEveryRobot_byId() {
        Robot nao = registry.register(ADMIN, robot("nao-2", "Nao"));
        Robot pepper = registry.register(ADMIN, robot("pepper-1", "Pepper"));
        Robot aibo = registry.register(ADMIN, robot("aibo-3", "Aibo"));

        assertThat(registry.list(ADMIN)).containsExactly(aibo, nao, pepper);
    }

    private static Robot robot(String id, String name) {
        return new Robot(new RobotId(id), name, "care-bot-2", "profiles/" + id);
    }
}
