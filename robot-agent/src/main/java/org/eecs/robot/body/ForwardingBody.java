package org.eecs.robot.body;

import java.util.Optional;

/** A body that passes everything on to another: the base of bodies that add a rule to one or two of its parts. */
public abstract class ForwardingBody implements RobotBody {

    protected final RobotBody body;

    protected ForwardingBody(RobotBody body) {
        this.body = body;
    }

    @Override
    public String describe() {
        return body.describe();
    }

    @Override
    public Speaker speaker() {
        return body.speaker();
    }

    @Override
    public void showFace(FaceFrame frame) {
        body.showFace(frame);
    }

    @Override
    public void moveJoints(JointPose pose) {
        body.moveJoints(pose);
    }

    @Override
    public void halt() {
        body.halt();
    }

    @Override
    public long motionLeadUs() {
        return body.motionLeadUs();
    }

    @Override
    public Optional<double[]> measuredJoints() {
        return body.measuredJoints();
    }

    @Override
    public boolean ready() {
        return body.ready();
    }

    @Override
    public void close() {
        body.close();
    }
}
