package org.eecs.robot.body;

/** Target angles in radians for every joint, in the profile's order, for time {@code atUs} on the timeline. */
public record JointPose(long atUs, double[] positions) {
}
