package org.eecs.adapter.out.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.Motion;
import org.eecs.domain.performance.JointTrajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MinimumJerkMotionTest {

    private static final double DT = 1.0 / JointTrajectory.SAMPLES_PER_SECOND;
    private static final double SLACK = 1e-9;

    private final RobotProfileFile profile = Voice.FILES.profile();
    private final MinimumJerkMotion planner = new MinimumJerkMotion(profile, Voice.FILES.motions());

    /**
     * A property over every motion and random speech durations (100 per motion from a fixed seed, plus the edges):
     * the trajectory starts and ends at rest, lasts at least as long as the speech, and every sample keeps every
     * joint within its position, velocity and acceleration limits (by finite differences at 100 Hz).
     */
    @ParameterizedTest
    @EnumSource(Motion.class)
    void everySampleOfEveryMotionIsWithinTheLimitsAndStartsAndEndsAtRest(Motion motion) {
        SplittableRandom random = new SplittableRandom(6_000L + motion.ordinal());
        List<Duration> durations = new ArrayList<>(List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(9),
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(120)));
        for (int i = 0; i < 100; i++) {
            durations.add(Duration.ofNanos(random.nextLong(0, 60_000_000_000L) / 62_500 * 62_500));
        }
        for (Duration speech : durations) {
            JointTrajectory trajectory = planner.plan(motion, speech);
            String context = motion + " for " + speech;
            assertThat(trajectory.joints()).isEqualTo(profile.jointNames());
            assertThat(trajectory.duration().plusMillis(10)).as(context).isGreaterThanOrEqualTo(speech);
            for (int j = 0; j < profile.joints().size(); j++) {
                assertWithinLimits(profile.joints().get(j), trajectory.series(profile.joints().get(j).name()), context);
            }
        }
    }

    @Test
    void aGestureThatFitsEndsWithTheSpeech() {
        for (Motion motion : List.of(Motion.NOD, Motion.LEAN_FORWARD, Motion.OPEN_ARMS, Motion.GENTLE_WAVE,
                Motion.HAND_ON_HEART, Motion.IDLE_BREATHING, Motion.NONE)) {
            JointTrajectory trajectory = planner.plan(motion, Duration.ofMillis(5_380));
            assertThat(trajectory.duration()).as(motion.label()).isBetween(Duration.ofMillis(5_380),
                    Duration.ofMillis(5_390));
        }
    }

    @Test
    void aNodNodsWhileTheRobotSpeaks() {
        double[] pitch = planner.plan(Motion.NOD, Duration.ofSeconds(4)).series("headPitch");
        int turns = 0;
        for (int i = 1; i + 1 < pitch.length; i++) {
            if (pitch[i] > pitch[i - 1] && pitch[i] >= pitch[i + 1]) {
                turns++;
            }
        }
        assertThat(turns).as("nods in 4 s").isBetween(3, 6);
        assertThat(max(pitch)).isCloseTo(0.20, within(1e-9));
    }

    @Test
    void speechTooShortForTheGestureMakesItAsFastAsTheLimitsAllow() {
        JointTrajectory hug = planner.plan(Motion.OPEN_ARMS, Duration.ofMillis(200));
        // 0.85 rad of shoulder at 1.5 rad/s and 6 rad/s^2: each way at least 1.1 s
        assertThat(hug.duration()).isGreaterThan(Duration.ofMillis(2_000));
    }

    @Test
    void noMotionIsStillnessAtRestForTheSpeech() {
        JointTrajectory still = planner.plan(Motion.NONE, Duration.ofMillis(1_234));
        assertThat(still.sampleCount()).isEqualTo(125);
        assertThat(still.series("leftElbow")).containsOnly(0.10);
    }

    @Test
    void aMotionTheLibraryDoesNotHaveIsRefusedNamingTheOnesItHas() {
        MotionLibrary small = new MotionLibrary(Map.of(Motion.NONE, Voice.FILES.motions().clips().get(Motion.NONE)));
        assertThatThrownBy(() -> new MinimumJerkMotion(profile, small).plan(Motion.NOD, Duration.ofSeconds(1)))
                .isInstanceOf(DomainViolation.class).hasMessage("this robot has no motion nod; it has none");
    }

    @Test
    void anUnknownMotionNameIsRefusedWithTheAllowedOnes() {
        assertThatThrownBy(() -> Motion.fromLabel("moonwalk")).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("unknown motion \"moonwalk\"; allowed: none, nod, lean forward");
    }

    @Test
    void aNegativeOrEndlessSpeechDurationIsRefused() {
        assertThatThrownBy(() -> planner.plan(Motion.NOD, Duration.ofMillis(-1))).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> planner.plan(Motion.NOD, Duration.ofHours(1))).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("speech duration must lie within 0 and PT10M");
    }

    private static void assertWithinLimits(Joint joint, double[] x, String context) {
        String where = context + ", joint " + joint.name();
        assertThat(x[0]).as(where + " starts at rest").isEqualTo(joint.rest());
        assertThat(x[x.length - 1]).as(where + " ends at rest").isEqualTo(joint.rest());
        for (int i = 0; i < x.length; i++) {
            double velocity = i > 0 ? Math.abs(x[i] - x[i - 1]) / DT : 0;
            double acceleration = i > 0 && i + 1 < x.length ? Math.abs(x[i + 1] - 2 * x[i] + x[i - 1]) / (DT * DT) : 0;
            if (x[i] < joint.min() || x[i] > joint.max() || velocity > joint.maxVelocity() + SLACK
                    || acceleration > joint.maxAcceleration() + 1e-6) {
                throw new AssertionError(where + " at sample " + i + ": position " + x[i] + " in [" + joint.min()
                        + ", " + joint.max() + "], velocity " + velocity + " <= " + joint.maxVelocity()
                        + ", acceleration " + acceleration + " <= " + joint.maxAcceleration());
            }
        }
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
