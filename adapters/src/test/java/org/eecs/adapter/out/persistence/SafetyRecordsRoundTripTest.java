package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.GuardViolations;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Robots;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.safety.CrisisCategory;
import org.eecs.domain.safety.CrisisSignal;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSession;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Escalations, the session's crisis flag and refused answers go into PostgreSQL and come back equal. */
@IntegrationTest
class SafetyRecordsRoundTripTest {

    private static final Instant NINE_AM = Instant.parse("2026-10-25T09:00:00Z");

    @Autowired Patients patients;
    @Autowired CareTeams careTeams;
    @Autowired Robots robots;
    @Autowired CareSessions sessions;
    @Autowired Escalations escalations;
    @Autowired GuardViolations violations;

    @Test
    void theCrisisFlagRoundTrips() {
        CareSession flagged = running().flagCrisis(NINE_AM.plusSeconds(300));

        sessions.save(flagged);

        assertThat(sessions.find(flagged.id())).contains(flagged);
    }

    @Test
    void anEscalationRoundTripsThroughEveryState() {
        CareSession session = running();
        Escalation open = Escalation.raise(session.id(), session.patient(),
                new CrisisSignal(CrisisCategory.SELF_HARM, "said \"cut myself\" (rule at crisis-language.tsv line 40)"),
                "I cut myself last night.", NINE_AM.plusSeconds(120));
        escalations.save(open);
        assertThat(escalations.find(open.id())).contains(open);

        Escalation acknowledged = open.acknowledge(new ClinicianId("nurse-kim"), NINE_AM.plusSeconds(180));
        escalations.save(acknowledged);
        assertThat(escalations.find(open.id())).contains(acknowledged);

        Escalation resolved = acknowledged.resolve(new ClinicianId("dr-li"), NINE_AM.plusSeconds(900),
                "Wound dressed; referred to the liaison psychiatrist.");
        escalations.save(resolved);
        assertThat(escalations.find(open.id())).contains(resolved);
        assertThat(escalations.ofSession(session.id())).containsExactly(resolved);
    }

    @Test
    void aClinicianFindsTheEscalationsOfTheirCareTeamsPatients_inTheStatesAsked() {
        ClinicianId nurse = new ClinicianId("nurse-" + UUID.randomUUID());
        CareSession mine = running();
        careTeams.add(mine.patient(), nurse);
        CareSession notMine = running();
        Escalation first = raised(mine, NINE_AM.plusSeconds(10));
        Escalation second = raised(mine, NINE_AM.plusSeconds(20));
        raised(notMine, NINE_AM.plusSeconds(15));
        escalations.save(second.acknowledge(nurse, NINE_AM.plusSeconds(30)));

        assertThat(escalations.forCareTeamOf(nurse, Set.of(EscalationState.OPEN), new PageRequest(0, 10)).items())
                .containsExactly(first);
        assertThat(escalations.forCareTeamOf(nurse, Set.of(EscalationState.OPEN, EscalationState.ACKNOWLEDGED),
                new PageRequest(0, 10)).items()).extracting(Escalation::id).containsExactly(first.id(), second.id());
    }

    @Test
    void guardViolationsAreKeptInOrder() {
        CareSession session = running();
        GuardViolation dose = new GuardViolation(session.id(), NINE_AM.plusSeconds(60), GuardViolation.Rule.MEDICATION,
                "a dose: \"50 mg\"", "openai Qwen/Qwen2.5-14B-Instruct care-prompt-1");
        GuardViolation length = new GuardViolation(session.id(), NINE_AM.plusSeconds(61), GuardViolation.Rule.TOO_LONG,
                "612 characters, more than 400", "openai Qwen/Qwen2.5-14B-Instruct care-prompt-1");

        violations.record(dose);
        violations.record(length);

        assertThat(violations.ofSession(session.id())).containsExactly(dose, length);
    }

    private Escalation raised(CareSession session, Instant at) {
        Escalation escalation = Escalation.raise(session.id(), session.patient(),
                new CrisisSignal(CrisisCategory.ABUSE, "rule abuse"), "He hits me.", at);
        escalations.save(escalation);
        return escalation;
    }

    private CareSession running() {
        Patient patient = Patient.register("Safety", 1950, Gender.MALE, "en", Preferences.none());
        patients.save(patient);
        Robot robot = new Robot(new RobotId("robot-" + UUID.randomUUID().toString().substring(0, 8)), "Ward robot",
                "humanoid-h1", "profiles/h1.yaml");
        robots.save(robot);
        CareSession session = CareSession.schedule(patient.id(), robot.id(),
                new TimeWindow(NINE_AM, NINE_AM.plusSeconds(3600)), "company", true).start(NINE_AM);
        sessions.save(session);
        return session;
    }
}
