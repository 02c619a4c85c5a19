package org.eecs.domain.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.ModelRef;
import org.junit.jupiter.api.Test;

class PerformancePlanTest {

    private static final ModelRef VOICE = new ModelRef("voice", "1");
    private static final CareResponse RESPONSE = new CareResponse("Hello.", Tone.WARM, FacialExpression.SMILE,
            Motion.NOD);

    @Test
    void speechLastsExactlyItsSamplesAt16kHz() {
        assertThat(new Speech(new short[16_001], List.of(), List.of(), VOICE).duration())
                .isEqualTo(Duration.ofNanos(1_000_062_500));
    }

    @Test
    void aFaceTimelineHasOneFrameForEveryThirtiethOfASecondStarted() {
        assertThat(FaceTimeline.framesFor(Duration.ZERO)).isZero();
        assertThat(FaceTimeline.framesFor(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(FaceTimeline.framesFor(Duration.ofSeconds(2))).isEqualTo(60);
        assertThat(FaceTimeline.framesFor(Duration.ofNanos(2_000_062_500))).isEqualTo(61);
    }

    @Test
    void thePlanLastsUntilItsLastPartEnds() {
        Speech speech = new Speech(new short[32_000], List.of(), List.of(), VOICE);
        PerformancePlan plan = new PerformancePlan(RESPONSE, speech, Duration.ofMillis(100), face(60), Duration.ZERO,
                new JointTrajectory(List.of("headPitch"), 151, new double[151]), Duration.ZERO);
        assertThat(plan.duration()).isEqualTo(Duration.ofMillis(2_100));
    }

    @Test
    void aFaceThatDoesNotCoverTheSpeechIsRefused() {
        Speech speech = new Speech(new short[32_000], List.of(), List.of(), VOICE);
        assertThatThrownBy(() -> new PerformancePlan(RESPONSE, speech, Duration.ZERO, face(59), Duration.ZERO,
                new JointTrajectory(List.of("headPitch"), 1, new double[1]), Duration.ZERO))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("the face timeline must have 60 frames to cover PT2S of speech, got 59");
    }

    @Test
    void faceValuesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new FaceTimeline(List.of(FaceChannel.JAW_OPEN, FaceChannel.EYE_BLINK), 1,
                new float[] {0.5f, 1.2f}))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("face channel eyeBlink in frame 0 must lie in [0, 1], got 1.2");
        assertThatThrownBy(() -> new FaceTimeline(List.of(FaceChannel.JAW_OPEN), 1, new float[] {Float.NaN}))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void wordsMayNotEndAfterTheSpeech() {
        assertThatThrownBy(() -> new Speech(new short[1_600], List.of(new TimedLabel("hello", Duration.ZERO,
                Duration.ofMillis(200))), List.of(), VOICE))
                .isInstanceOf(DomainViolation.class).hasMessage("\"hello\" ends at PT0.2S, after the speech (PT0.1S)");
    }

    @Test
    void aTrajectoryNamesEachJointOnceAndHasAPoseForEverySample() {
        assertThatThrownBy(() -> new JointTrajectory(List.of("headPitch", "headPitch"), 1, new double[2]))
                .isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new JointTrajectory(List.of("headPitch"), 2, new double[3]))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("a trajectory of 2 samples of 1 joints has 2 positions, got 3");
        assertThat(new JointTrajectory(List.of("headPitch"), 101, new double[101]).duration())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void faceChannelsAreNamedAsOnTheWire() {
        assertThat(FaceChannel.fromKey("browInnerUp")).isEqualTo(FaceChannel.BROW_INNER_UP);
        assertThatThrownBy(() -> FaceChannel.fromKey("tongueOut")).isInstanceOf(DomainViolation.class)
                .hasMessageStartingWith("unknown face channel \"tongueOut\"; known: jawOpen, mouthClose");
    }

    private static FaceTimeline face(int frames) {
        return new FaceTimeline(List.of(FaceChannel.JAW_OPEN), frames, new float[frames]);
    }
}
