package org.eecs.adapter.out.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.Motion;
import org.eecs.domain.performance.JointTrajectory;

/**
 * The embedded motion generator: the library's keyframes joined by minimum-jerk segments, timed to the speech,
 * sampled at 100 Hz, from rest to rest. Pure computation, yet an adapter: it is one engine behind
 * {@link PlanMotion} (a learned motion generator could be another) and it runs on the robot's own files.
 *
 * <p>Between two poses over {@code T} seconds each joint follows {@code x(t) = a + (b - a)(10s^3 - 15s^4 + 6s^5)},
 * {@code s = t/T}: velocity and acceleration are zero at both ends, so segments join smoothly, and the peaks are
 * {@code 1.875|b - a|/T} and {@code 5.774|b - a|/T^2}. A segment therefore never takes less than
 * {@code max(1.875|b - a|/v_max, sqrt(5.774|b - a|/a_max))} over all its joints; since the poses lie within the
 * position limits and each segment moves monotonically between them, every sample lies within all three limits
 * (a finite difference never exceeds the peak it averages).
 *
 * <p>Timing to the speech of length D: the clip reaches its gesture, repeats its cycle as many whole times as
 * fit (each cycle stretched or squeezed to fill the time exactly) or holds the pose, and releases to rest, so that
 * it ends with the speech. If D is shorter than reach and release together, both are squeezed. Wherever squeezing
 * would break a limit the segment keeps its safe minimum and the motion ends after the speech.
 */
final class MinimumJerkMotion implements PlanMotion {

    /** Peak speed of a minimum-jerk segment, per unit of distance over duration. */
    static final double PEAK_VELOCITY = 1.875;
    /** Peak acceleration of a minimum-jerk segment, per unit of distance over duration squared: 10 / sqrt(3). */
    static final double PEAK_ACCELERATION = 10 / Math.sqrt(3);
    /** A hair above the exact minimum, so that rounding never puts a sample over a limit. */
    private static final double SAFETY = 1.001;
    static final Duration LONGEST_SPEECH = Duration.ofMinutes(10);

    private final List<Joint> joints;
    private final MotionLibrary library;
    private final double[] rest;

    MinimumJerkMotion(RobotProfileFile profile, MotionLibrary library) {
        this.joints = profile.joints();
        this.library = library;
        this.rest = joints.stream().mapToDouble(Joint::rest).toArray();
    }

    private record Segment(double[] from, double[] to, double seconds) {
    }

    @Override
    public JointTrajectory plan(Motion motion, Duration speechDuration) {
        MotionLibrary.Clip clip = library.clips().get(motion);
        if (clip == null) {
            throw new DomainViolation("this robot has no motion " + motion.label() + "; it has "
                    + String.join(", ", library.clips().keySet().stream().map(Motion::label).toList()));
        }
        if (speechDuration.isNegative() || speechDuration.compareTo(LONGEST_SPEECH) > 0) {
            throw new DomainViolation("speech duration must lie within 0 and " + LONGEST_SPEECH + ", got "
                    + speechDuration);
        }
        double speech = speechDuration.toNanos() / 1e9;
        List<Segment> segments = clip.still() ? List.of(new Segment(rest, rest, speech)) : segments(clip, speech);
        return sampled(segments);
    }

    private List<Segment> segments(MotionLibrary.Clip clip, double speech) {
        double reach = clip.reach().stream().mapToDouble(MotionLibrary.Keyframe::seconds).sum();
        double squeeze = Math.min(1, speech / (reach + clip.release()));
        List<Segment> segments = new ArrayList<>();
        double[] pose = rest;
        for (MotionLibrary.Keyframe keyframe : clip.reach()) {
            segments.add(safe(pose, keyframe.pose(), keyframe.seconds() * squeeze));
            pose = keyframe.pose();
        }
        double reached = seconds(segments);
        if (!clip.cycle().isEmpty()) {
            // a cycle ends in the pose it starts from (the library checks it), so it repeats seamlessly
            double middle = speech - reached - safe(pose, rest, clip.release()).seconds();
            List<double[]> from = new ArrayList<>();
            double[] at = pose;
            for (MotionLibrary.Keyframe keyframe : clip.cycle()) {
                from.add(at);
                at = keyframe.pose();
            }
            double natural = cycleSeconds(clip.cycle(), from, 1);
            int cycles = middle > 0 ? (int) Math.round(middle / natural) : 0;
            while (cycles > 0 && cycleSeconds(clip.cycle(), from, 0) * cycles > middle) {
                cycles--; // not even at the limits' pace do this many fit
            }
            if (cycles > 0) {
                double scale = scaleToFill(clip.cycle(), from, middle / cycles);
                for (int c = 0; c < cycles; c++) {
                    for (int k = 0; k < clip.cycle().size(); k++) {
                        MotionLibrary.Keyframe keyframe = clip.cycle().get(k);
                        segments.add(safe(from.get(k), keyframe.pose(), keyframe.seconds() * scale));
                    }
                }
            }
        }
        Segment release = safe(pose, rest, clip.release() * squeeze);
        double hold = speech - seconds(segments) - release.seconds();
        if (hold > 0) {
            segments.add(new Segment(pose, pose, hold));
        }
        segments.add(release);
        return segments;
    }

    /** One cycle's length when each keyframe takes its natural time times {@code scale}, or its safe minimum. */
    private double cycleSeconds(List<MotionLibrary.Keyframe> cycle, List<double[]> from, double scale) {
        double sum = 0;
        for (int k = 0; k < cycle.size(); k++) {
            sum += safe(from.get(k), cycle.get(k).pose(), cycle.get(k).seconds() * scale).seconds();
        }
        return sum;
    }

    /** The scale at which one cycle lasts {@code seconds} (bisection: its length grows with the scale). */
    private double scaleToFill(List<MotionLibrary.Keyframe> cycle, List<double[]> from, double seconds) {
        double low = 0;
        double high = 1;
        while (cycleSeconds(cycle, from, high) < seconds) {
            high *= 2;
        }
        for (int i = 0; i < 50; i++) {
            double middle = (low + high) / 2;
            if (cycleSeconds(cycle, from, middle) < seconds) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static double seconds(List<Segment> segments) {
        return segments.stream().mapToDouble(Segment::seconds).sum();
    }

    /** The segment over the wanted time, or over the shortest time the joints' limits allow if that is longer. */
    private Segment safe(double[] from, double[] to, double wanted) {
        double shortest = 0;
        for (int j = 0; j < joints.size(); j++) {
            double distance = Math.abs(to[j] - from[j]);
            Joint joint = joints.get(j);
            shortest = Math.max(shortest, Math.max(PEAK_VELOCITY * distance / joint.maxVelocity(),
                    Math.sqrt(PEAK_ACCELERATION * distance / joint.maxAcceleration())));
        }
        return new Segment(from, to, Math.max(wanted, shortest * SAFETY));
    }

    private JointTrajectory sampled(List<Segment> segments) {
        double total = seconds(segments);
        int samples = (int) Math.ceil(total * JointTrajectory.SAMPLES_PER_SECOND - 1e-9) + 1;
        int width = joints.size();
        double[] positions = new double[samples * width];
        int index = 0;
        double segmentStart = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / JointTrajectory.SAMPLES_PER_SECOND;
            while (index < segments.size() && t >= segmentStart + segments.get(index).seconds()) {
                segmentStart += segments.get(index).seconds();
                index++;
            }
            if (index == segments.size() || i == samples - 1) { // the last sample is rest itself, not nearly
                System.arraycopy(rest, 0, positions, i * width, width);
                continue;
            }
            Segment segment = segments.get(index);
            double s = (t - segmentStart) / segment.seconds();
            double blend = s * s * s * (10 - 15 * s + 6 * s * s);
            for (int j = 0; j < width; j++) {
                double position = segment.from()[j] + (segment.to()[j] - segment.from()[j]) * blend;
                positions[i * width + j] = Math.clamp(position, joints.get(j).min(), joints.get(j).max());
            }
        }
        return new JointTrajectory(joints.stream().map(Joint::name).toList(), samples, positions);
    }
}
