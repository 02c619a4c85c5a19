package org.eecs.application.port.in;

import org.eecs.domain.robot.RobotId;

/** No robot is registered under this id. */
public class UnknownRobot extends NotFound {

    public UnknownRobot(RobotId robot) {
        super("no robot " + robot.value() + " is registered");
    }
}
