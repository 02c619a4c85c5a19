package org.eecs.robot.perform;

import java.util.HashSet;
import java.util.List;
import org.eecs.robot.body.Joint;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.plan.PerformancePlan.Motion;

/**
 * The agent's own check of a trajectory before anything moves (docs/robot-protocol.md): the plan's joints are this
 * robot's joints; every sample lies within the position limits (with 1e-6 rad for float32 rounding), and within
 * the velocity and acceleration limits by finite differences (with the same rounding carried through); the first
 * sample is where the joints are now. A trajectory that fails is not moved at all.
 */
public final class TrajectoryCheck {

    static final double ROUNDING = 1e-6;

    private final RobotProfile profile;

    public TrajectoryCheck(RobotProfile profile) {
        this.profile = profile;
    }

    /** The outcome: the trajectory in the profile's joint order, or why it may not move. */
    public record Verdict(Motion motion, String fault) {

        static Verdict accepted(Motion motion) {
            return new Verdict(motion, null);
        }

        static Verdict refused(String fault) {
            return new Verdict(null, fault);
        }

        public boolean accepted() {
            return motion != null;
        }
    }

    /** Checks {@code motion} for a body whose joints stand at {@code currentPose} (profile order). */
    public Verdict check(Motion motion, double[] currentPose) {
        List<String> names = profile.jointNames();
        if (!new HashSet<>(motion.joints()).equals(new HashSet<>(names)) || motion.joints().size() != names.size()) {
            return Verdict.refused("the plan moves joints " + motion.joints() + ", this robot has " + names);
        }
        if (motion.sampleCount() == 0) {
            return Verdict.refused("the trajectory has no samples");
        }
        Motion ordered = inProfileOrder(motion);
        int joints = names.size();
        double dt = motion.secondsPerSample();
        double velocityTolerance = 2 * ROUNDING / dt;
        double accelerationTolerance = 4 * ROUNDING / (dt * dt);
        // positions first: a sample out of its limits is the fault to name, not the speed it takes to get there
        for (int j = 0; j < joints; j++) {
            Joint joint = profile.joints().get(j);
            for (int i = 0; i < ordered.sampleCount(); i++) {
                double x = ordered.position(i, j);
                if (x < joint.min() - ROUNDING || x > joint.max() + ROUNDING) {
                    return Verdict.refused(joint.name() + " sample " + i + " at " + x + " rad lies outside ["
                            + joint.min() + ", " + joint.max() + "]");
                }
            }
        }
        for (int j = 0; j < joints; j++) {
            Joint joint = profile.joints().get(j);
            double first = ordered.position(0, j);
            if (Math.abs(first - currentPose[j]) > joint.maxVelocity() * dt + ROUNDING) {
                return Verdict.refused(joint.name() + " starts at " + first + " but stands at " + currentPose[j]);
            }
            for (int i = 1; i < ordered.sampleCount(); i++) {
                double x = ordered.position(i, j);
                double velocity = Math.abs(x - ordered.position(i - 1, j)) / dt;
                if (velocity > joint.maxVelocity() + velocityTolerance) {
                    return Verdict.refused(joint.name() + " sample " + i + " moves at " + velocity
                            + " rad/s, over its " + joint.maxVelocity());
                }
                if (i + 1 < ordered.sampleCount()) {
                    double acceleration = Math.abs(ordered.position(i + 1, j) - 2 * x + ordered.position(i - 1, j))
                            / (dt * dt);
                    if (acceleration > joint.maxAcceleration() + accelerationTolerance) {
                        return Verdict.refused(joint.name() + " sample " + i + " accelerates at " + acceleration
                                + " rad/s^2, over its " + joint.maxAcceleration());
                    }
                }
            }
        }
        return Verdict.accepted(ordered);
    }

    private Motion inProfileOrder(Motion motion) {
        List<String> names = profile.jointNames();
        if (motion.joints().equals(names)) {
            return motion;
        }
        int joints = names.size();
        float[] positions = new float[motion.positions().length];
        for (int j = 0; j < joints; j++) {
            int from = motion.joints().indexOf(names.get(j));
            for (int i = 0; i < motion.sampleCount(); i++) {
                positions[i * joints + j] = (float) motion.position(i, from);
            }
        }
        return new Motion(motion.offsetUs(), motion.samplesPerSecond(), names, motion.sampleCount(), positions);
    }
}
