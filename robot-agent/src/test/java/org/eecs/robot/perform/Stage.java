package org.eecs.robot.perform;

import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.Ticker;
import org.eecs.robot.body.simulator.Recording;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.plan.TestPlans;

/** A simulated robot ready to perform: the body, its guard, the emergency stop and a performer, on one time. */
final class Stage {

    final RobotProfile profile = TestPlans.PROFILE;
    final EmergencyStop emergencyStop = new EmergencyStop();
    final SimulatedBody simulator;
    final GuardedBody body;
    final Performer performer;

    Stage() {
        this(0);
    }

    Stage(double speakerClockPpm) {
        this(speakerClockPpm, Ticker.SYSTEM);
    }

    /** A stage whose performances run on {@code time} (the simulator's speaker keeps it too). */
    Stage(Ticker time) {
        this(0, time);
    }

    private Stage(double speakerClockPpm, Ticker time) {
        simulator = new SimulatedBody(profile, speakerClockPpm, time);
        body = new GuardedBody(simulator, profile, emergencyStop);
        performer = new Performer(body, Performer.Settings.DEFAULTS, time);
    }

    Recording recording() {
        return simulator.recording();
    }

    boolean atRest() {
        return RestTrajectory.atRest(profile, simulator.joints());
    }
}
