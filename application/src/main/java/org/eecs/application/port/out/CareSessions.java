package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;

/** Scheduled, running and past care sessions. */
public interface CareSessions {

    void save(CareSession session);

    Optional<CareSession> find(CareSessionId id);

    /** Sessions of the robot, in any state, whose window overlaps the given one, earliest first. */
    List<CareSession> ofRobotOverlapping(RobotId robot, TimeWindow window);
}
