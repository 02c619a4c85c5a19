package org.eecs.application.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.audit.AuditExportWriting;
import org.eecs.application.fakes.ImmediateTransactions;
import org.eecs.application.fakes.InMemoryAuditTrail;
import org.eecs.application.fakes.InMemoryCareExperienceRatings;
import org.eecs.application.fakes.InMemoryCareSessions;
import org.eecs.application.fakes.InMemoryCareTeams;
import org.eecs.application.fakes.InMemoryConsents;
import org.eecs.application.fakes.InMemoryEscalations;
import org.eecs.application.fakes.InMemoryGuardViolations;
import org.eecs.application.fakes.InMemoryPatients;
import org.eecs.application.fakes.InMemoryRecordings;
import org.eecs.application.fakes.InMemoryReviewNotes;
import org.eecs.application.fakes.InMemoryRobots;
import org.eecs.application.fakes.InMemoryTurnOpenings;
import org.eecs.application.fakes.InMemoryTurns;
import org.eecs.application.fakes.RecordedAlerts;
import org.eecs.application.port.in.Caller;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;

/**
 * Every in-memory store, wired to one audit trail, one set of units of work and one clock, with the one gate to
 * patient records on top: the world a use-case test arranges and then inspects.
 */
public final class Hospital {

    public final InMemoryCareTeams careTeams = new InMemoryCareTeams();
    public final InMemoryPatients patients = new InMemoryPatients(careTeams);
    public final InMemoryConsents consents = new InMemoryConsents();
    public final InMemoryRobots robots = new InMemoryRobots();
    public final InMemoryCareSessions sessions = new InMemoryCareSessions(careTeams);
    public final InMemoryTurns turns = new InMemoryTurns(sessions);
    public final InMemoryTurnOpenings openings = new InMemoryTurnOpenings(sessions, patients, consents, turns);
    public final InMemoryRecordings recordings = new InMemoryRecordings();
    public final InMemoryReviewNotes notes = new InMemoryReviewNotes();
    public final InMemoryCareExperienceRatings ratings = new InMemoryCareExperienceRatings();
    public final InMemoryEscalations escalations = new InMemoryEscalations(careTeams);
    public final RecordedAlerts alerts = new RecordedAlerts();
    public final InMemoryGuardViolations guardViolations = new InMemoryGuardViolations();
    public final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail();
    public final ImmediateTransactions transactions = new ImmediateTransactions(auditTrail,
            careTeams, patients, consents, robots, sessions, turns, notes, ratings, escalations, alerts,
            guardViolations, recordings);
    public final Clock clock;
    public final CareRecordAccess access;

    public Hospital(Clock clock) {
        this.clock = clock;
        this.access = new CareRecordAccess(patients, careTeams, sessions, auditTrail, transactions, clock);
    }

    /** The stores a session's interaction log is drawn from. */
    public AuditExportWriting.SessionRecords sessionRecords() {
        return new AuditExportWriting.SessionRecords(sessions, consents, turns, escalations, guardViolations);
    }

    public static Caller clinician(String id) {
        return caller(id, Role.CLINICIAN);
    }

    public static Caller robotCaller(String id) {
        return caller(id, Role.ROBOT);
    }

    public static Caller admin(String id) {
        return caller(id, Role.ADMIN);
    }

    public static Caller caller(String id, Role role) {
        return new Caller(new Actor(id, role), "10.1.2.3", "req-" + id, "treatment");
    }

    /** A stored patient whose care team is exactly the given clinicians. */
    public Patient patientCaredForBy(String alias, Caller... clinicians) {
        return patientCaredForBy(alias, 1990, clinicians);
    }

    public Patient patientCaredForBy(String alias, int birthYear, Caller... clinicians) {
        Patient patient = Patient.register(alias, birthYear, Gender.UNDISCLOSED, "en", Preferences.none());
        patients.save(patient);
        Arrays.stream(clinicians).forEach(clinician -> careTeams.add(patient.id(), clinician.clinician()));
        return patient;
    }

    public Robot robot(String id) {
        Robot robot = new Robot(new RobotId(id), "Robot " + id, "care-bot-2", "profiles/" + id);
        robots.save(robot);
        return robot;
    }

    /** A stored, scheduled session of the patient with the robot, from {@code start} for an hour. */
    public CareSession scheduled(Patient patient, Robot robot, Instant start) {
        CareSession session = CareSession.schedule(patient.id(), robot.id(), TimeWindow.of(start, Duration.ofHours(1)),
                "talk about the garden", true);
        sessions.save(session);
        return session;
    }

    public CareSession stored(CareSession session) {
        sessions.save(session);
        return session;
    }

    /** Records, directly in the store, the patient's consent to keep recordings this long, among other scopes. */
    public void consentGivenWithRetention(PatientId patient, Instant from, Duration retention, ConsentScope... scopes) {
        consents.append(consents.historyOf(patient).grant(Set.of(scopes), retention, from, new ClinicianId("dr-consent")));
    }

    /** Records, directly in the store, the patient's consent to the given scopes from the given instant. */
    public void consentGiven(PatientId patient, Instant from, ConsentScope... scopes) {
        consents.append(consents.historyOf(patient).grant(Set.of(scopes), null, from, new ClinicianId("dr-consent")));
    }

    /** Everything the audit trail holds, in chain order. */
    public List<AuditEvent> audited() {
        return auditTrail.written();
    }
}
