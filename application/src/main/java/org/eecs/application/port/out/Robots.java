package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;

/** The robots registered with this hospital. */
public interface Robots {

    void save(Robot robot);

    Optional<Robot> find(RobotId id);

    /** All registered robots, by id. */
    List<Robot> all();
}
