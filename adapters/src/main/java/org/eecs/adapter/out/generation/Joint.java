package org.eecs.adapter.out.generation;

/**
 * One joint of the humanoid and its limits, from the robot profile. Angles in radians, velocities in rad/s,
 * accelerations in rad/s^2.
 */
record Joint(String name, double min, double max, double maxVelocity, double maxAcceleration, double rest) {

    boolean reaches(double angle) {
        return angle >= min && angle <= max;
    }
}
