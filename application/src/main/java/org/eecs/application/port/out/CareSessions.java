package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;

/** Scheduled, running and past care sessions. */
public interface CareSessions {

    void save(CareSession session);

    Optional<CareSession> find(CareSessionId id);

    /** Sessions of the robot, in any state, whose window overlaps the given one, earliest first. */
    List<CareSession> ofRobotOverlapping(RobotId robot, TimeWindow window);

    /** Sessions matching every given criterion, earliest window first. */
    Page<CareSession> list(SessionCriteria criteria, PageRequest page);

    /**
     * @param startingWithin only sessions whose window starts in this window (e.g. one day); null for any
     * @param careTeamIncludes only sessions of patients whose care team includes every one of these clinicians;
     *                         empty for any
     */
    record SessionCriteria(TimeWindow startingWithin, Set<ClinicianId> careTeamIncludes, PatientId patient,
                           RobotId robot, SessionState state) {
        public SessionCriteria {
            careTeamIncludes = careTeamIncludes == null ? Set.of() : Set.copyOf(careTeamIncludes);
        }
    }
}
