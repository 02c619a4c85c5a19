package org.eecs.application.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.RobotProfile;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.JointTrajectory;
import org.eecs.domain.performance.PerformancePlan;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;

/**
 * The paper's Generation layer for one care response: the words are spoken in their tone, the face is animated
 * from that speech towards the chosen expression, the body's motion is timed to the speech, and the three are
 * joined in one {@link PerformancePlan} that starts them together. Each step's time is kept for the turn's record.
 *
 * <p>A response this robot cannot perform (a tone, face or motion outside its profile) is refused before anything
 * is generated: reasoning offers only the robot's abilities, so such a response is a defect, not a patient's input.
 */
public final class PreparingPerformance {

    private static final Duration TOGETHER = Duration.ZERO;

    private final SynthesizeSpeech speech;
    private final AnimateFace face;
    private final PlanMotion motion;
    private final RobotProfile robot;
    private final LongSupplier nanoTime;

    public PreparingPerformance(SynthesizeSpeech speech, AnimateFace face, PlanMotion motion, RobotProfile robot) {
        this(speech, face, motion, robot, System::nanoTime);
    }

    PreparingPerformance(SynthesizeSpeech speech, AnimateFace face, PlanMotion motion, RobotProfile robot,
                         LongSupplier nanoTime) {
        this.speech = speech;
        this.face = face;
        this.motion = motion;
        this.robot = robot;
        this.nanoTime = nanoTime;
    }

    /** The plan, and how long speech synthesis, face animation and motion planning each took. */
    public record PreparedPerformance(PerformancePlan plan, StageLatencies latencies) {
    }

    /** The response names a tone, face or motion this robot does not have; the message lists what it has. */
    public static final class Unperformable extends RuntimeException {
        Unperformable(String message) {
            super(message);
        }
    }

    public PreparedPerformance prepare(CareResponse response) {
        requirePerformable(response);
        long start = nanoTime.getAsLong();
        Speech spoken = speech.synthesize(response.text(), response.tone());
        long spokenAt = nanoTime.getAsLong();
        FaceTimeline animated = face.animate(spoken, response.face());
        long animatedAt = nanoTime.getAsLong();
        JointTrajectory moved = motion.plan(response.motion(), spoken.duration());
        long movedAt = nanoTime.getAsLong();
        PerformancePlan plan = new PerformancePlan(response, spoken, TOGETHER, animated, TOGETHER, moved, TOGETHER);
        StageLatencies latencies = StageLatencies.none()
                .with(Stage.SPEECH_SYNTHESIS, Duration.ofNanos(spokenAt - start))
                .with(Stage.FACE_ANIMATION, Duration.ofNanos(animatedAt - spokenAt))
                .with(Stage.MOTION_PLANNING, Duration.ofNanos(movedAt - animatedAt));
        return new PreparedPerformance(plan, latencies);
    }

    private void requirePerformable(CareResponse response) {
        RobotAbilities abilities = robot.abilities();
        List<String> missing = new ArrayList<>();
        if (!abilities.tones().contains(response.tone())) {
            missing.add("tone " + response.tone().label() + " (it has " + joined(abilities.tones().stream().map(Tone::label)) + ")");
        }
        if (!abilities.faces().contains(response.face())) {
            missing.add("facial expression " + response.face().label() + " (it has " + joined(abilities.faces().stream().map(FacialExpression::label)) + ")");
        }
        if (!abilities.motions().contains(response.motion())) {
            missing.add("motion " + response.motion().label() + " (it has " + joined(abilities.motions().stream().map(Motion::label)) + ")");
        }
        if (!missing.isEmpty()) {
            throw new Unperformable("this robot cannot perform the " + String.join(", the ", missing));
        }
    }

    private static String joined(Stream<String> labels) {
        return labels.collect(Collectors.joining(", "));
    }
}
