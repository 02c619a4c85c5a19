package org.eecs.robot.body;

/** One joint of the robot with its limits: radians, rad/s, rad/s^2; {@code rest} is the safe idle position. */
public record Joint(String name, double min, double max, double maxVelocity, double maxAcceleration, double rest) {

    public Joint {
        if (!(min < max)) {
            throw new IllegalArgumentException(name + ": min " + min + " must be below max " + max);
        }
        if (!(maxVelocity > 0) || !(maxAcceleration > 0)) {
            throw new IllegalArgumentException(name + ": velocity and acceleration limits must be positive, got "
                    + maxVelocity + " and " + maxAcceleration);
        }
        if (rest < min || rest > max) {
            throw new IllegalArgumentException(name + ": rest " + rest + " lies outside [" + min + ", " + max + "]");
        }
    }

    public double clamp(double position) {
        return Math.max(min, Math.min(max, position));
    }
}
