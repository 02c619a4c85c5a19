package org.eecs.robot.body;

import java.util.Optional;

/**
 * The body as the agent drives it: every joint target is checked on the agent, from its own robot profile, before
 * it goes out. A target is refused ({@link MotionRefused}) while the emergency stop is engaged, when any joint lies
 * outside its limits, or when it would move a joint from the last target faster than its velocity limit (a jump).
 * When the emergency stop engages, the body is halted at once, on the thread that pressed it.
 */
public final class GuardedBody extends ForwardingBody {

    /** Float32 positions on the wire round by up to about 2e-7 rad; the plan's contract allows 1e-6. */
    static final double POSITION_TOLERANCE = 1e-6;
    /** One 100 Hz control cycle. */
    static final double MIN_STEP_SECONDS = 0.01;

    private final RobotProfile profile;
    private final EmergencyStop emergencyStop;
    private double[] lastTarget;
    private long lastAtUs;
    private boolean halted;

    public GuardedBody(RobotBody body, RobotProfile profile, EmergencyStop emergencyStop) {
        super(body);
        this.profile = profile;
        this.emergencyStop = emergencyStop;
        // under the lock of moveJoints: a target being sent goes out before the halt, none after it
        emergencyStop.whenEngaged(reason -> {
            synchronized (this) {
                body.halt();
                halted = true;
            }
        });
    }

    public RobotProfile profile() {
        return profile;
    }

    public EmergencyStop emergencyStop() {
        return emergencyStop;
    }

    /**
     * Where the joints are, as the next target must start: the last target sent while the body follows them; after
     * a halt (or before any target) what the body measures, if it does; else the last target, else (at start) the
     * rest pose.
     */
    public synchronized double[] currentPose() {
        Optional<double[]> measured = body.measuredJoints();
        if ((halted || lastTarget == null) && measured.isPresent()) {
            return measured.get().clone();
        }
        return lastTarget != null ? lastTarget.clone() : profile.restPose();
    }

    @Override
    public synchronized void halt() {
        body.halt();
        halted = true;
    }

    @Override
    public synchronized void moveJoints(JointPose pose) {
        if (emergencyStop.engaged()) {
            throw new MotionRefused("emergency stop engaged (" + emergencyStop.reason() + "): no motion until reset");
        }
        double[] target = pose.positions();
        if (target.length != profile.jointCount()) {
            throw new MotionRefused("a pose needs " + profile.jointCount() + " joints, got " + target.length);
        }
        double[] from = currentPose();
        // the time the joints have for this step: by the timeline while it runs on; a new timeline (a new
        // performance) starts where the joints are, so its first target gets at most one control cycle
        double seconds = lastTarget != null && !halted && pose.atUs() > lastAtUs ? (pose.atUs() - lastAtUs) / 1e6
                : Math.max(pose.atUs() / 1e6, MIN_STEP_SECONDS);
        for (int j = 0; j < target.length; j++) {
            Joint joint = profile.joints().get(j);
            double position = target[j];
            if (!(position >= joint.min() - POSITION_TOLERANCE && position <= joint.max() + POSITION_TOLERANCE)) {
                throw new MotionRefused(joint.name() + " to " + position + " lies outside [" + joint.min() + ", "
                        + joint.max() + "]");
            }
            double step = Math.abs(position - from[j]);
            double allowed = joint.maxVelocity() * seconds * 1.001 + 2 * POSITION_TOLERANCE;
            if (step > allowed) {
                throw new MotionRefused(joint.name() + " would jump " + String.format("%.4f", step) + " rad in "
                        + String.format("%.1f", seconds * 1000) + " ms, faster than " + joint.maxVelocity() + " rad/s");
            }
        }
        body.moveJoints(pose);
        lastTarget = target.clone();
        lastAtUs = pose.atUs();
        halted = false;
    }

}
