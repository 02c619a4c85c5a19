package org.eecs.robot.perform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.MotionRefused;
import org.eecs.robot.body.simulator.Recording;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.Test;

class EmergencyStopTest {

    private static final long ONE_CONTROL_CYCLE_NANOS = 10_000_000;

    private final Stage stage = new Stage();

    @Test
    void pressedMidPerformance_haltsMotionWithinOneControlCycle_andNothingMovesAfterIt() throws Exception {
        Performance performance = stage.performer.perform(TestPlans.nodding(3.0));
        Thread.sleep(800);

        long pressed = System.nanoTime();
        stage.emergencyStop.press("test button");

        assertThat(performance.await()).isEqualTo(Ending.EMERGENCY_STOP);
        Recording recording = stage.recording();
        assertThat(recording.halts()).isNotEmpty();
        long halted = recording.halts().getFirst().nanos();
        assertThat(halted - pressed).isLessThan(ONE_CONTROL_CYCLE_NANOS);
        assertThat(recording.joints()).isNotEmpty().allMatch(sent -> sent.nanos() < halted);
        assertThat(recording.playbackStops()).hasSize(1);
        assertThat(stage.simulator.face()).containsOnly(0f);
        assertThat(stage.atRest()).as("halted where it was, mid-nod").isFalse();
    }

    @Test
    void whileEngaged_motionIsRefused_butTheRobotMayStillSpeak_andAfterResetItMovesAgain() {
        stage.emergencyStop.press("test button");

        Performance refused = stage.performer.perform(TestPlans.nodding(1.0));

        assertThat(refused.await()).isEqualTo(Ending.COMPLETED);
        assertThat(refused.motionFault()).get().asString().startsWith("emergency stop engaged");
        assertThat(stage.recording().joints()).isEmpty();
        assertThat(stage.recording().playbacks()).hasSize(1);
        assertThatThrownBy(() -> stage.body.moveJoints(new JointPose(0, stage.profile.restPose())))
                .isInstanceOf(MotionRefused.class).hasMessageContaining("no motion until reset");

        assertThat(stage.emergencyStop.reset()).as("reset while the button is still down").isFalse();
        stage.emergencyStop.release();
        assertThat(stage.emergencyStop.engaged()).as("released, yet not reset").isTrue();
        assertThat(stage.emergencyStop.reset()).isTrue();

        Performance moving = stage.performer.perform(TestPlans.nodding(1.0));
        assertThat(moving.await()).isEqualTo(Ending.COMPLETED);
        assertThat(moving.motionFault()).isEmpty();
        assertThat(stage.recording().joints()).isNotEmpty();
    }

    @Test
    void afterAResetMidGesture_theBodyReturnsToRestBeforeItPerformsAgain() throws Exception {
        stage.performer.perform(TestPlans.nodding(3.0));
        Thread.sleep(800);
        stage.emergencyStop.press("test button");
        stage.emergencyStop.release();
        stage.emergencyStop.reset();

        Performance jump = stage.performer.perform(TestPlans.nodding(1.0));
        jump.await();
        assertThat(jump.motionFault()).as("a plan starting at rest would jump").get().asString()
                .contains("headPitch starts at 0.0 but stands at");

        assertThat(stage.performer.returnToRest().await()).isEqualTo(Ending.COMPLETED);
        assertThat(stage.atRest()).isTrue();
        Performance after = stage.performer.perform(TestPlans.nodding(1.0));
        after.await();
        assertThat(after.motionFault()).isEmpty();
    }
}
