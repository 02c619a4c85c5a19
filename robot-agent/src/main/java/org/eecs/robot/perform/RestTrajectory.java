package org.eecs.robot.perform;

import org.eecs.robot.body.Joint;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.plan.PerformancePlan.Motion;

/**
 * The way back to the safe idle pose from wherever the joints stand: one minimum-jerk segment,
 * {@code x(s) = a + (b - a)(10s^3 - 15s^4 + 6s^5)}, as slow as the slowest joint needs so that no joint passes its
 * velocity limit (peak {@code 1.875 |b - a| / T}) or acceleration limit (peak {@code 5.774 |b - a| / T^2}); sampled
 * at 100 Hz from the current pose to the rest pose exactly.
 */
public final class RestTrajectory {

    public static final int SAMPLES_PER_SECOND = 100;
    /** Below this distance on every joint the body counts as at rest. */
    public static final double AT_REST = 1e-4;

    private RestTrajectory() {
    }

    public static boolean atRest(RobotProfile profile, double[] pose) {
        double[] rest = profile.restPose();
        for (int j = 0; j < rest.length; j++) {
            if (Math.abs(pose[j] - rest[j]) > AT_REST) {
                return false;
            }
        }
        return true;
    }

    /** From {@code from} (profile order) to the rest pose, starting {@code offsetUs} into a timeline. */
    public static Motion from(RobotProfile profile, double[] from, long offsetUs) {
        double[] rest = profile.restPose();
        double seconds = 0;
        for (int j = 0; j < rest.length; j++) {
            Joint joint = profile.joints().get(j);
            double distance = Math.abs(rest[j] - from[j]);
            seconds = Math.max(seconds, Math.max(1.875 * distance / joint.maxVelocity(),
                    Math.sqrt(5.774 * distance / joint.maxAcceleration())));
        }
        seconds *= 1.001;
        int steps = Math.max(1, (int) Math.ceil(seconds * SAMPLES_PER_SECOND));
        double duration = (double) steps / SAMPLES_PER_SECOND;
        int joints = rest.length;
        float[] positions = new float[(steps + 1) * joints];
        for (int i = 0; i <= steps; i++) {
            double s = Math.min(1, i / (double) SAMPLES_PER_SECOND / duration);
            double shape = s * s * s * (10 - 15 * s + 6 * s * s);
            for (int j = 0; j < joints; j++) {
                positions[i * joints + j] = (float) (i == steps ? rest[j] : from[j] + (rest[j] - from[j]) * shape);
            }
        }
        return new Motion(offsetUs, SAMPLES_PER_SECOND, profile.jointNames(), steps + 1, positions);
    }
}
