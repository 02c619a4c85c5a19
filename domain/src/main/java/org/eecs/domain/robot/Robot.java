package org.eecs.domain.robot;

import org.eecs.domain.Require;

/**
 * A care robot in the fleet. The profile reference points at the robot-side configuration
 * (voice, motion library) without the domain needing to know its format.
 */
public record Robot(RobotId id, String name, String model, String profileReference) {

    public static final int MAX_NAME_LENGTH = 120;
    public static final int MAX_MODEL_LENGTH = 120;
    public static final int MAX_PROFILE_REFERENCE_LENGTH = 255;

    public Robot {
        Require.present("robot id", id);
        Require.text("robot name", name, MAX_NAME_LENGTH);
        Require.text("robot model", model, MAX_MODEL_LENGTH);
        Require.text("profileReference", profileReference, MAX_PROFILE_REFERENCE_LENGTH);
    }
}
