package org.eecs.robot.perform;

/** How a performance ended. */
public enum Ending {
    /** Everything was performed to the end. */
    COMPLETED,
    /** Stopped on purpose (the patient spoke over the robot, or a new performance replaced it); back to rest. */
    STOPPED,
    /** The emergency stop engaged: speech stopped, face neutral, motion halted where it was. */
    EMERGENCY_STOP,
    /** A control cycle came too late to send its trajectory sample on time: the watchdog takes over. */
    LATE_SAMPLE
}
