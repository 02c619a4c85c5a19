package org.eecs.application.session;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.consent.WhenConsentIsWithdrawn;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.SchedulingCareSessions;
import org.eecs.application.port.in.UnknownRobot;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareSessions.SessionCriteria;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentWithdrawn;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;

/**
 * Schedules, runs and closes care sessions. A robot is in one place at a time: a session whose window overlaps
 * another live session of the same robot is refused. The clinician's day is the hospital's, the clock's zone.
 * A patient's withdrawal of consent aborts their session in progress at once; the robot learns it on its next
 * call.
 */
public final class CareSessionDesk implements SchedulingCareSessions, WhenConsentIsWithdrawn {

    private final CareSessions sessions;
    private final Robots robots;
    private final Consents consents;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public CareSessionDesk(CareSessions sessions, Robots robots, Consents consents, CareRecordAccess access,
                           Transactions transactions, Clock clock) {
        this.sessions = sessions;
        this.robots = robots;
        this.consents = consents;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public CareSession schedule(ScheduleSession command) {
        CareSession session = CareSession.schedule(command.patient(), command.robot(), command.window(),
                command.careGoal(), command.emotionInput());
        return transactions.inOne(() -> {
            access.requireRole(command.caller(), Role.CLINICIAN, AuditAction.CREATE, EntityRef.careSession(session.id()));
            access.patient(command.caller(), command.patient(), AuditAction.CREATE, EntityRef.careSession(session.id()));
            if (robots.find(command.robot()).isEmpty()) {
                throw new UnknownRobot(command.robot());
            }
            refuseOverlap(command.robot(), command.window());
            sessions.save(session);
            return session;
        });
    }

    @Override
    public CareSession read(Caller caller, CareSessionId session) {
        return transactions.inOne(() -> access.session(caller, session, AuditAction.READ, EntityRef.careSession(session)));
    }

    @Override
    public Page<CareSession> list(Caller caller, SessionFilter filter, PageRequest page) {
        Set<ClinicianId> careTeamIncludes = new HashSet<>();
        RobotId robot = null;
        if (caller.actsAs(Role.ROBOT)) {
            robot = new RobotId(caller.actor().id());
        } else {
            careTeamIncludes.add(caller.clinician());
        }
        if (filter.clinician() != null) {
            careTeamIncludes.add(filter.clinician());
        }
        TimeWindow day = null;
        if (filter.day() != null) {
            ZonedDateTime start = filter.day().atStartOfDay(clock.getZone());
            day = new TimeWindow(start.toInstant(), start.plusDays(1).toInstant());
        }
        SessionCriteria criteria = new SessionCriteria(day, careTeamIncludes, filter.patient(), robot, filter.state());
        return transactions.inOne(() -> {
            Page<CareSession> found = sessions.list(criteria, page);
            found.items().forEach(session ->
                    access.record(caller, AuditAction.READ, EntityRef.careSession(session.id()), session.patient()));
            return found;
        });
    }

    @Override
    public CareSession start(Caller caller, CareSessionId session) {
        return transition(caller, session, scheduled -> {
            if (!consents.historyOf(scheduled.patient()).permits(ConsentScope.AUDIO_CAPTURE, clock.instant())) {
                throw new Conflict("consent-required", "the patient's consent to audio capture is not in force, "
                        + "so the session cannot start");
            }
            return scheduled.start(clock.instant());
        });
    }

    @Override
    public CareSession cancel(Caller caller, CareSessionId session, String reason) {
        return transition(caller, session, scheduled -> scheduled.cancel(reason, clock.instant()));
    }

    @Override
    public CareSession complete(Caller caller, CareSessionId session) {
        return transition(caller, session, running -> running.complete(clock.instant()));
    }

    /**
     * Runs in the withdrawal's unit of work, audited under the name of whoever recorded it. A patient has at most a
     * few sessions in progress (one a robot), so one page holds them all.
     */
    @Override
    public void consentWithdrawn(Caller by, ConsentWithdrawn withdrawal) {
        SessionCriteria running = new SessionCriteria(null, Set.of(), withdrawal.patient(), null,
                SessionState.IN_PROGRESS);
        for (CareSession session : sessions.list(running, new PageRequest(0, PageRequest.MAX_SIZE)).items()) {
            sessions.save(session.abort("consent withdrawn (version " + withdrawal.version() + ")", withdrawal.at()));
            access.record(by, AuditAction.UPDATE, EntityRef.careSession(session.id()), session.patient());
        }
    }

    private CareSession transition(Caller caller, CareSessionId id, UnaryOperator<CareSession> change) {
        return transactions.inOne(() -> {
            access.requireRole(caller, Role.CLINICIAN, AuditAction.UPDATE, EntityRef.careSession(id));
            CareSession changed = change.apply(
                    access.session(caller, id, AuditAction.UPDATE, EntityRef.careSession(id)));
            sessions.save(changed);
            return changed;
        });
    }

    /**
     * Only a live session (scheduled or running) holds its robot; one that has ended, however early, frees it.
     * The database keeps the same rule as a constraint, which settles two bookings racing each other.
     */
    private void refuseOverlap(RobotId robot, TimeWindow window) {
        sessions.ofRobotOverlapping(robot, window).stream()
                .filter(other -> other.state() == SessionState.SCHEDULED || other.state() == SessionState.IN_PROGRESS)
                .findFirst()
                .ifPresent(other -> {
                    // the other session may be another care team's: say when the robot is busy, not for whom
                    throw new Conflict("session-overlap", "robot " + robot.value() + " is already booked from "
                            + other.window().start() + " to " + other.window().end());
                });
    }
}
