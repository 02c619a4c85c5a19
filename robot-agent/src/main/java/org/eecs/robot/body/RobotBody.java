package org.eecs.robot.body;

import java.util.Optional;

/**
 * The hardware port: the face display, the speaker, the joints and the body's emergency stop. Two implementations:
 * the simulator (records everything, draws face and joints on a web page) and the rosbridge driver for the robot's
 * controller. The agent never drives a body directly: it goes through {@link GuardedBody}, which checks every
 * joint target against the limits and the emergency stop.
 *
 * <p>Times ({@code atUs}) are on the performance's timeline: microseconds from the plan's common start.
 */
public interface RobotBody extends AutoCloseable {

    /** A short human description, for logs: "simulator on http://127.0.0.1:8090/". */
    String describe();

    Speaker speaker();

    /** Shows one face frame: the profile's channels, each in [0, 1]. */
    void showFace(FaceFrame frame);

    /** Sends the joints one target pose (the profile's joint order) for time {@code pose.atUs()}. */
    void moveJoints(JointPose pose);

    /** Stops all motion at once and holds where the joints are. */
    void halt();

    /** How far ahead of the timeline the body wants joint targets (a controller's trajectory look-ahead). */
    default long motionLeadUs() {
        return 0;
    }

    /** The joints' measured positions, in the profile's order, if the body reports them. */
    Optional<double[]> measuredJoints();

    /** Whether the body can be driven now (connected to its controller). */
    boolean ready();

    @Override
    void close();
}
