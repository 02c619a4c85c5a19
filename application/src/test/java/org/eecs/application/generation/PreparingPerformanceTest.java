package org.eecs.application.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.RobotProfile;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.JointTrajectory;
import org.eecs.domain.performance.PerformancePlan;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.turn.Stage;
import org.junit.jupiter.api.Test;

class PreparingPerformanceTest {

    private final List<String> calls = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    /** 1.5 s of speech; each engine takes a known number of milliseconds on the fake clock. */
    private final SynthesizeSpeech speech = (text, tone) -> {
        calls.add("speak " + tone.label() + ": " + text);
        clock.addAndGet(4_000_000);
        return new Speech(new short[24_000], List.of(), List.of(), new ModelRef("test voice", "1"));
    };
    private final AnimateFace face = (spoken, expression) -> {
        calls.add("animate " + expression.label() + " over " + spoken.duration());
        clock.addAndGet(2_000_000);
        return new FaceTimeline(List.of(FaceChannel.JAW_OPEN), 45, new float[45]);
    };
    private final PlanMotion motion = (chosen, duration) -> {
        calls.add("move " + chosen.label() + " for " + duration);
        clock.addAndGet(1_000_000);
        return new JointTrajectory(List.of("headPitch"), 201, new double[201]);
    };

    private PreparingPerformance preparing(RobotAbilities abilities) {
        RobotProfile robot = () -> abilities;
        return new PreparingPerformance(speech, face, motion, robot, clock::get);
    }

    @Test
    void theSpeechTheFaceAndTheMotionStartTogetherOnOneTimeline() {
        CareResponse response = new CareResponse("You're not alone.", Tone.ENCOURAGING, FacialExpression.SMILE,
                Motion.LEAN_FORWARD_AND_NOD);

        PreparingPerformance.PreparedPerformance prepared = preparing(RobotAbilities.everything()).prepare(response);

        PerformancePlan plan = prepared.plan();
        assertThat(plan.response()).isEqualTo(response);
        assertThat(plan.speechOffset()).isZero();
        assertThat(plan.faceOffset()).isZero();
        assertThat(plan.motionOffset()).isZero();
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(2)); // the motion outlasts the 1.5 s of speech
        assertThat(calls).containsExactly("speak encouraging: You're not alone.", "animate smile over PT1.5S",
                "move lean forward and nod for PT1.5S");
    }

    @Test
    void eachGenerationStageIsTimed() {
        PreparingPerformance.PreparedPerformance prepared = preparing(RobotAbilities.everything())
                .prepare(new CareResponse("I am here.", Tone.CALM, FacialExpression.WARM_GAZE, Motion.NONE));
        assertThat(prepared.latencies().of(Stage.SPEECH_SYNTHESIS)).contains(Duration.ofMillis(4));
        assertThat(prepared.latencies().of(Stage.FACE_ANIMATION)).contains(Duration.ofMillis(2));
        assertThat(prepared.latencies().of(Stage.MOTION_PLANNING)).contains(Duration.ofMillis(1));
    }

    @Test
    void aResponseBeyondTheRobotsAbilitiesIsRefusedBeforeAnythingIsGenerated() {
        RobotAbilities headOnly = new RobotAbilities(EnumSet.of(Tone.NEUTRAL, Tone.GENTLE),
                EnumSet.of(FacialExpression.NEUTRAL), EnumSet.of(Motion.NONE, Motion.NOD));
        CareResponse hug = new CareResponse("Come here.", Tone.GENTLE, FacialExpression.SMILE, Motion.OPEN_ARMS);

        assertThatThrownBy(() -> preparing(headOnly).prepare(hug))
                .isInstanceOf(PreparingPerformance.Unperformable.class)
                .hasMessage("this robot cannot perform the facial expression smile (it has neutral), "
                        + "the motion open arms (it has none, nod)");
        assertThat(calls).isEmpty();
    }
}
