package org.eecs.robot.perform;

import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.simulator.Recording;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.plan.TestPlans;

/** A simulated robot ready to perform: the body, its guard, the emergency stop and a performer. */
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
        simulator = new SimulatedBody(profile, speakerClockPpm);
        body = new GuardedBody(simulator, profile, emergencyStop);
        performer = new Performer(body, Performer.Settings.DEFAULTS);
    }

    Recording recording() {
        return simulator.recording();
    }

    boolean atRest() {
        return RestTrajectory.atRest(profile, simulator.joints());
    }
}
