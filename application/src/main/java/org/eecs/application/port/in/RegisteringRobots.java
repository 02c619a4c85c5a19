package org.eecs.application.port.in;

import java.util.List;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;

/** An administrator registers the hospital's robots; each robot's id is also its identity-provider client id. */
public interface RegisteringRobots {

    Robot register(Caller caller, Robot robot);

    Robot read(Caller caller, RobotId robot);

    List<Robot> list(Caller caller);
}
