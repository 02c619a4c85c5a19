package org.eecs.domain.performance;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * The body's performance: at {@link #SAMPLES_PER_SECOND} samples per second, the target angle of each joint in
 * radians. Sample {@code i} is the pose at {@code i / 100} s from the trajectory's start; the first and the last
 * sample are the robot's rest pose.
 *
 * @param joints      the joints' names, in the order of each sample's positions; no repeats
 * @param sampleCount how many samples (at least one: a trajectory that does not move is its rest pose)
 * @param positions   sample after sample, {@code joints.size()} angles each; not copied, so treat as read-only
 */
public record JointTrajectory(List<String> joints, int sampleCount, double[] positions) {

    public static final int SAMPLES_PER_SECOND = 100;

    public JointTrajectory {
        joints = List.copyOf(Require.present("joints", joints));
        if (joints.isEmpty() || new HashSet<>(joints).size() != joints.size()) {
            throw new DomainViolation("joints must be at least one, without repeats, got " + joints);
        }
        if (sampleCount < 1) {
            throw new DomainViolation("a trajectory has at least one sample, got " + sampleCount);
        }
        Require.present("joint positions", positions);
        if (positions.length != (long) sampleCount * joints.size()) {
            throw new DomainViolation("a trajectory of " + sampleCount + " samples of " + joints.size()
                    + " joints has " + (long) sampleCount * joints.size() + " positions, got " + positions.length);
        }
        for (int i = 0; i < positions.length; i++) {
            if (!Double.isFinite(positions[i])) {
                throw new DomainViolation("joint " + joints.get(i % joints.size()) + " at sample " + i / joints.size()
                        + " must be a finite angle, got " + positions[i]);
            }
        }
    }

    /** From the first sample to the last. */
    public Duration duration() {
        return Duration.ofMillis((sampleCount - 1) * (1000L / SAMPLES_PER_SECOND));
    }

    public double position(int sample, int joint) {
        return positions[sample * joints.size() + joint];
    }

    /** One joint over the whole trajectory. */
    public double[] series(String joint) {
        int index = joints.indexOf(joint);
        if (index < 0) {
            throw new DomainViolation("this trajectory has no joint " + Require.quote(joint));
        }
        double[] series = new double[sampleCount];
        for (int sample = 0; sample < sampleCount; sample++) {
            series[sample] = position(sample, index);
        }
        return series;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JointTrajectory that && sampleCount == that.sampleCount && joints.equals(that.joints)
                && java.util.Arrays.equals(positions, that.positions);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(positions) * 31 + joints.hashCode();
    }

    @Override
    public String toString() {
        return "JointTrajectory[" + sampleCount + " samples of " + joints.size() + " joints]";
    }
}
