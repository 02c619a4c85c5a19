package org.eecs.robot.body.simulator;

import java.util.Optional;
import org.eecs.robot.body.FaceFrame;
import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.RobotBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.Speaker;
import org.eecs.robot.body.Ticker;

/**
 * A body that exists only in software: its joints follow every target exactly, its speaker keeps time like a sound
 * card, and it records everything it is told ({@link #recording()}). {@link SimulatorPage} draws it live.
 */
public final class SimulatedBody implements RobotBody {

    private final RobotProfile profile;
    private final Recording recording = new Recording();
    private final SimulatedSpeaker speaker;
    private final Ticker ticker;
    private volatile double[] joints;
    private volatile float[] face;
    private volatile long changes;
    private volatile String description = "simulator";

    /** @param speakerClockPpm how many parts per million the simulated sound card's clock runs fast */
    public SimulatedBody(RobotProfile profile, double speakerClockPpm) {
        this(profile, speakerClockPpm, Ticker.SYSTEM);
    }

    /** @param ticker the time its speaker keeps and its recording is stamped with (the performer's) */
    public SimulatedBody(RobotProfile profile, double speakerClockPpm, Ticker ticker) {
        this.profile = profile;
        this.ticker = ticker;
        this.speaker = new SimulatedSpeaker(recording, speakerClockPpm, ticker);
        this.joints = profile.restPose();
        this.face = new float[profile.faceChannels().size()];
    }

    public RobotProfile profile() {
        return profile;
    }

    public Recording recording() {
        return recording;
    }

    /** The joints as they stand, in the profile's order. */
    public double[] joints() {
        return joints.clone();
    }

    /** The face as it shows, in the profile's channel order. */
    public float[] face() {
        return face.clone();
    }

    public boolean speaking() {
        return speaker.speaking();
    }

    /** Counts every change of face or joints: lets the page send only what changed. */
    long changes() {
        return changes;
    }

    void describeAs(String description) {
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Speaker speaker() {
        return speaker;
    }

    @Override
    public void showFace(FaceFrame frame) {
        recording.face(new Recording.FaceShown(ticker.nanoTime(), frame.atUs(), frame.values().clone()));
        float[] shown = new float[profile.faceChannels().size()];
        for (int c = 0; c < shown.length; c++) {
            shown[c] = frame.value(profile.faceChannels().get(c));
        }
        face = shown;
        changes++;
    }

    @Override
    public void moveJoints(JointPose pose) {
        recording.joints(new Recording.JointsSent(ticker.nanoTime(), pose.atUs(), pose.positions().clone()));
        joints = pose.positions().clone();
        changes++;
    }

    @Override
    public void halt() {
        recording.halted(new Recording.Halted(ticker.nanoTime()));
        changes++;
    }

    @Override
    public Optional<double[]> measuredJoints() {
        return Optional.of(joints.clone());
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void close() {
        // nothing held: the page, if any, is closed on its own
    }
}
