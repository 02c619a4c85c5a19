package org.eecs.robot.perform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eecs.robot.VirtualTime;
import org.eecs.robot.body.simulator.Recording;
import org.eecs.robot.plan.PerformancePlan;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.Test;

/**
 * The performer on {@link VirtualTime}: the control loop is never late, and a test acts at a chosen instant of the
 * performance, however busy the machine is (on the machine's time a loaded build ended performances with
 * LATE_SAMPLE, and a stop came whenever the test thread happened to run).
 */
class PerformerTest {

    private final VirtualTime time = new VirtualTime();
    private final Stage stage = new Stage(time);

    @Test
    void aPlan_startsSpeechFaceAndJointsTogether_andEndsAtRestWithANeutralFace() {
        Performance performance = stage.performer.perform(TestPlans.nodding(1.0));

        assertThat(performance.await()).isEqualTo(Ending.COMPLETED);
        Recording recording = stage.recording();
        assertThat(recording.playbacks()).hasSize(1);
        long speechStart = recording.playbacks().getFirst().nanos();
        assertThat(recording.faces().getFirst().nanos()).as("the first face frame in the cycle speech starts")
                .isEqualTo(speechStart);
        assertThat(recording.joints().getFirst().nanos()).as("and the first joint target").isEqualTo(speechStart);
        // the nod went down to 0.2 rad and came back
        int head = stage.profile.indexOfJoint("headPitch");
        assertThat(recording.joints().stream().mapToDouble(j -> j.positions()[head]).max().orElseThrow())
                .isGreaterThan(0.19);
        assertThat(stage.atRest()).isTrue();
        assertThat(stage.simulator.face()).containsOnly(0f);
        assertThat(performance.motionFault()).isEmpty();
    }

    @Test
    void aTrajectoryBeyondAJointLimit_isNotMovedAtAll_butTheRobotStillSpeaksAndShowsTheFace() {
        PerformancePlan nodding = TestPlans.nodding(0.6);
        PerformancePlan beyond = new PerformancePlan(nodding.durationUs(), nodding.response(), nodding.speech(),
                nodding.face(), Optional.of(TestPlans.withSample(nodding.motion().orElseThrow(), 30, "headPitch", 0.46f)));

        Performance performance = stage.performer.perform(beyond);

        assertThat(performance.await()).isEqualTo(Ending.COMPLETED);
        assertThat(performance.motionFault()).get().asString().contains("headPitch sample 30 at 0.46");
        assertThat(stage.recording().joints()).isEmpty();
        assertThat(stage.recording().playbacks()).hasSize(1);
        assertThat(stage.recording().faces()).hasSizeGreaterThan(10);
    }

    @Test
    void aTrajectoryThatJerksFasterThanAJointMayMove_isNotMovedAtAll() {
        PerformancePlan nodding = TestPlans.nodding(0.6);
        // 0.05 rad in one 10 ms sample is 5 rad/s against headPitch's 1.5
        float jerk = nodding.motion().orElseThrow().positions()[20 * 12] + 0.05f;
        PerformancePlan jerky = new PerformancePlan(nodding.durationUs(), nodding.response(), nodding.speech(),
                nodding.face(), Optional.of(TestPlans.withSample(nodding.motion().orElseThrow(), 20, "headPitch", jerk)));

        Performance performance = stage.performer.perform(jerky);

        performance.await();
        assertThat(performance.motionFault()).get().asString().contains("headPitch sample").contains("rad/s");
        assertThat(stage.recording().joints()).isEmpty();
    }

    @Test
    void jointsListedInAnotherOrder_areMovedByTheirNames() {
        PerformancePlan nodding = TestPlans.nodding(1.0);
        PerformancePlan.Motion motion = nodding.motion().orElseThrow();
        List<String> reversed = TestPlans.reversed(motion.joints());
        float[] positions = new float[motion.positions().length];
        int joints = reversed.size();
        for (int i = 0; i < motion.sampleCount(); i++) {
            for (int j = 0; j < joints; j++) {
                positions[i * joints + j] = motion.positions()[i * joints + (joints - 1 - j)];
            }
        }
        PerformancePlan shuffled = new PerformancePlan(nodding.durationUs(), nodding.response(), nodding.speech(),
                nodding.face(), Optional.of(new PerformancePlan.Motion(0, 100, reversed, motion.sampleCount(),
                positions)));

        stage.performer.perform(shuffled).await();

        int head = stage.profile.indexOfJoint("headPitch");
        assertThat(stage.recording().joints().stream().mapToDouble(j -> j.positions()[head]).max().orElseThrow())
                .isGreaterThan(0.19);
    }

    @Test
    void stoppingAPerformance_silencesItAtOnce_andBringsTheJointsBackToRestWithinTheirLimits() throws Exception {
        time.holdAt(Duration.ofMillis(700));
        Performance performance = stage.performer.perform(TestPlans.nodding(2.0));
        time.awaitHeld();

        performance.stop("the patient spoke");

        assertThat(performance.await()).isEqualTo(Ending.STOPPED);
        assertThat(stage.recording().playbackStops()).hasSize(1);
        assertThat(stage.recording().playbackStops().getFirst().playedSamples()).as("0.7 s of speech played")
                .isEqualTo(11_200);
        assertThat(stage.atRest()).isTrue();
        assertThat(stage.simulator.face()).containsOnly(0f);
        assertThat(performance.motionFault()).isEmpty();
    }

    @Test
    void aNewPlan_replacesTheOneBeingPerformed() throws Exception {
        time.holdAt(Duration.ofMillis(300));
        Performance first = stage.performer.perform(TestPlans.nodding(2.0));
        time.awaitHeld();

        Performance second = stage.performer.perform(TestPlans.nodding(0.5));

        assertThat(first.ended()).isCompletedWithValue(Ending.STOPPED);
        assertThat(second.await()).isEqualTo(Ending.COMPLETED);
        assertThat(stage.atRest()).isTrue();
    }
}
