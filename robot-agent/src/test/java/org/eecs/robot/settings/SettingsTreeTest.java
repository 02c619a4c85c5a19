package org.eecs.robot.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eecs.robot.body.RobotProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTreeTest {

    @TempDir
    Path folder;

    @Test
    void aValue_comesFromTheEnvironmentBeforeTheFile() throws Exception {
        Path file = Files.writeString(folder.resolve("robot-agent.yaml"), """
                keycloak:
                  client-id: robot-ward-a
                  refresh-before: 45s
                """);

        SettingsTree settings = SettingsTree.read(file, Map.of("EECS_AGENT_KEYCLOAK_CLIENT_ID", "robot-ward-b")::get);

        assertThat(settings.at("keycloak").at("client-id").text()).contains("robot-ward-b");
        assertThat(settings.at("keycloak").at("refresh-before").duration(Duration.ZERO)).hasSeconds(45);
        assertThat(settings.at("keycloak").at("client-secret").environmentVariable())
                .isEqualTo("EECS_AGENT_KEYCLOAK_CLIENT_SECRET");
    }

    @Test
    void durations_readMillisecondsSecondsMinutesAndHours() {
        SettingsTree settings = SettingsTree.of("t.yaml", "a: 500ms\nb: 10s\nc: 2min\nd: 1h\ne: 1.5s\n");

        assertThat(settings.at("a").duration(null)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.at("b").duration(null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.at("c").duration(null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.at("d").duration(null)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.at("e").duration(null)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aWrongValue_isNamedWithItsFileAndPlace() {
        SettingsTree settings = SettingsTree.of("robot-agent.yaml", "turn:\n  echo-tail: soon\n  frames-per-turn: x\n");

        assertThatThrownBy(() -> settings.at("turn").at("echo-tail").duration(Duration.ZERO))
                .isInstanceOf(InvalidSettings.class)
                .hasMessage("robot-agent.yaml: turn.echo-tail: expected a duration such as 500ms, 10s or 2min, got \"soon\"");
        assertThatThrownBy(() -> settings.at("turn").at("frames-per-turn").whole(16))
                .hasMessage("robot-agent.yaml: turn.frames-per-turn: expected a whole number, got \"x\"");
        assertThatThrownBy(() -> settings.at("keycloak").at("client-secret").requiredText())
                .hasMessage("robot-agent.yaml: keycloak.client-secret: is required (in the file or as "
                        + "EECS_AGENT_KEYCLOAK_CLIENT_SECRET)");
    }

    @Test
    void theBundledRobotProfile_isTheReferenceHumanoidsTwelveJointsAndElevenChannels() {
        RobotProfile profile = RobotProfile.bundled();

        assertThat(profile.jointNames()).startsWith("headPitch", "headYaw").hasSize(12);
        assertThat(profile.faceChannels()).startsWith("jawOpen").hasSize(11);
        assertThat(profile.restPose()[profile.indexOfJoint("leftElbow")]).isEqualTo(0.10);
    }

    @Test
    void aRobotProfileWithARestOutsideItsLimits_isRefusedNamingTheJoint() throws Exception {
        Path file = Files.writeString(folder.resolve("robot-profile.yaml"), """
                name: bent
                joints:
                  headPitch: {min: -0.35, max: 0.45, maxVelocity: 1.5, maxAcceleration: 10.0, rest: 0.9}
                face:
                  channels: [jawOpen]
                """);

        assertThatThrownBy(() -> RobotProfile.read(file)).isInstanceOf(InvalidSettings.class)
                .hasMessage("robot-profile.yaml: joints.headPitch: headPitch: rest 0.9 lies outside [-0.35, 0.45]");
    }
}
