package org.eecs.application.port.in;

import java.time.LocalDate;
import java.util.Objects;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;

/**
 * A clinician schedules care sessions for patients of their care team, runs them and closes them; a robot sees
 * only its own sessions. One robot never has two sessions at once.
 */
public interface SchedulingCareSessions {

    CareSession schedule(ScheduleSession command);

    CareSession read(Caller caller, CareSessionId session);

    Page<CareSession> list(Caller caller, SessionFilter filter, PageRequest page);

    /** Needs the patient's consent to audio capture in force: a session without it could take no turn. */
    CareSession start(Caller caller, CareSessionId session);

    CareSession cancel(Caller caller, CareSessionId session, String reason);

    CareSession complete(Caller caller, CareSessionId session);

    /** @param emotionInput false runs the session without emotion input (the paper's ablation) */
    record ScheduleSession(Caller caller, PatientId patient, RobotId robot, TimeWindow window, String careGoal,
                           boolean emotionInput) {
        public ScheduleSession {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** @param day sessions starting on this day, in the hospital's time zone; null for any */
    record SessionFilter(LocalDate day, ClinicianId clinician, PatientId patient, SessionState state) {
        public static SessionFilter none() {
            return new SessionFilter(null, null, null, null);
        }
    }
}
