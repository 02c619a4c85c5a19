package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.ConversingWithPatients.OpenTurn;
import org.eecs.application.port.in.ConversingWithPatients.StreamedTurn;
import org.eecs.application.port.in.SessionNotInProgress;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.TurnOpenings;
import org.eecs.application.port.out.TurnOpenings.TurnOpening;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a care turn reads at its opening, in one statement against PostgreSQL: the same records the clinicians' ports
 * read, and through the use case, the same refusals as before.
 */
@IntegrationTest
class TurnOpeningsInPostgresTest {

    /** Sub-second instants: what PostgreSQL keeps of them (microseconds) must come back from its arrays too. */
    private static final Instant NINE_AM = Instant.parse("2026-11-25T09:00:00.123456Z");
    private static final ClinicianId DR_LI = new ClinicianId("dr-li");
    private static final Set<ConsentScope> LISTENING = Set.of(ConsentScope.AUDIO_CAPTURE,
            ConsentScope.EMOTION_ANALYSIS, ConsentScope.RECORDING_RETENTION);

    @Autowired TurnOpenings openings;
    @Autowired Patients patients;
    @Autowired Robots robots;
    @Autowired CareSessions sessions;
    @Autowired Consents consents;
    @Autowired Turns turns;
    @Autowired ConversingWithPatients conversing;
    @Autowired JdbcClient jdbc;
    @Autowired EntityManager entities;

    @Test
    void theOpening_carriesTheSession_thePatientWithPreferences_andTheirWholeConsentHistory() {
        Patient patient = new Patient(PatientId.newId(), "Robin", 1948, Gender.FEMALE, "zh-CN",
                new Preferences(List.of("likes to talk about gardening", "prefers short answers, \"plain\" words")),
                new HospitalIdentifier("urn:oid:1.2.36.146.595.217.0.1", "MRN-77"));
        patients.save(patient);
        CareSession session = runningSession(patient, registeredRobot(), NINE_AM);
        ConsentHistory history = granted(patient, NINE_AM.minusSeconds(3600), LISTENING);
        Consent withdrawal = history.withdraw(NINE_AM.plusSeconds(600).plusNanos(7_000), DR_LI);
        consents.append(withdrawal);

        TurnOpening opening = openings.of(session.id(), 6).orElseThrow();

        assertThat(opening.session()).isEqualTo(session).isEqualTo(sessions.find(session.id()).orElseThrow());
        assertThat(opening.patient()).isEqualTo(patient).isEqualTo(patients.find(patient.id()).orElseThrow());
        assertThat(opening.consents()).isEqualTo(history.with(withdrawal))
                .isEqualTo(consents.historyOf(patient.id()));
        assertThat(opening.recent()).isEmpty();
    }

    @Test
    void aWithdrawalAfterTheTurnsInstant_isInTheHistory_butTheConsentAtThatInstantStillPermits() {
        Patient patient = registeredPatient();
        CareSession session = runningSession(patient, registeredRobot(), NINE_AM);
        ConsentHistory history = granted(patient, NINE_AM.minusSeconds(60), LISTENING);
        consents.append(history.withdraw(NINE_AM.plusSeconds(30), DR_LI));

        ConsentHistory read = openings.of(session.id(), 6).orElseThrow().consents();

        assertThat(read.current().orElseThrow().scopes()).isEmpty();
        assertThat(read.permits(ConsentScope.AUDIO_CAPTURE, NINE_AM.plusSeconds(29))).isTrue();
        assertThat(read.inForceAt(NINE_AM.plusSeconds(29)).orElseThrow().recordingRetention())
                .isEqualTo(Duration.ofDays(30));
        assertThat(read.permits(ConsentScope.AUDIO_CAPTURE, NINE_AM.plusSeconds(30))).isFalse();
    }

    @Test
    void theLatestExchanges_comeOldestFirst_andNoMoreThanAsked() {
        Patient patient = registeredPatient();
        CareSession session = runningSession(patient, registeredRobot(), NINE_AM);
        for (int sequence = 1; sequence <= 8; sequence++) {
            turns.recordNext(turn(session, sequence), session.state(), Optional.empty());
        }

        List<Exchange> recent = openings.of(session.id(), 6).orElseThrow().recent();

        assertThat(recent).extracting(Exchange::patientSaid)
                .containsExactly("turn 3", "turn 4", "turn 5", "turn 6", "turn 7", "turn 8, \"quoted\", {braced}");
        assertThat(recent).extracting(Exchange::robotSaid).last().isEqualTo("I hear you (8).");
        assertThat(openings.of(session.id(), 20).orElseThrow().recent()).hasSize(8);
    }

    /**
     * Every robot opens a turn every few seconds: the opening must not be planned again at each of them. PostgreSQL
     * plans a prepared statement's first five executions for their parameters, then keeps one generic plan unless it
     * costs more; the statistics of a table of many sessions' turns made it cost more while the number of recent turns
     * was a parameter.
     */
    @Test
    @Transactional // one connection: what PostgreSQL kept of the statement is seen on the connection that prepared it
    void theOpening_isPlannedOnce_andKeptForTheTurnsAfter_whenSessionsHaveManyTurns() {
        Patient patient = registeredPatient();
        CareSession session = runningSession(patient, registeredRobot(), NINE_AM);
        entities.flush(); // the session's row, written through JPA, before the turns that refer to it
        jdbc.sql("""
                insert into turn (id, session_id, sequence, occurred_at, utterance, response_text, response_tone,
                                  response_face, response_motion, emotion_withheld, reasoner_kind, reasoner_name,
                                  template_version)
                select gen_random_uuid(), ?, n, now(), 'turn ' || n, 'I hear you.', 'WARM', 'SMILE', 'NOD', false,
                       'CARE_LIBRARY', 'care-library', 'v1'
                from generate_series(1, 2000) n""").param(session.id().value()).update();
        jdbc.sql("analyze turn").update();

        for (int turn = 0; turn < 8; turn++) {
            assertThat(openings.of(session.id(), 6).orElseThrow().recent()).hasSize(6);
        }

        assertThat(jdbc.sql("select generic_plans, custom_plans from pg_prepared_statements "
                        + "where statement like '%cross join lateral%'")
                .query((row, n) -> List.of(row.getLong(1), row.getLong(2))).single())
                .as("generic, custom plans").satisfies(plans -> assertThat(plans.getFirst()).isPositive());
    }

    @Test
    void aSessionWithoutConsentOrTurns_opensWithAnEmptyHistory() {
        Patient patient = registeredPatient();
        CareSession session = runningSession(patient, registeredRobot(), NINE_AM);

        TurnOpening opening = openings.of(session.id(), 6).orElseThrow();

        assertThat(opening.consents()).isEqualTo(ConsentHistory.empty(patient.id()));
        assertThat(opening.patient().preferences()).isEqualTo(Preferences.none());
        assertThat(opening.recent()).isEmpty();
    }

    @Test
    void aSessionThatDoesNotExist_hasNoOpening() {
        assertThat(openings.of(CareSessionId.newId(), 6)).isEmpty();
    }

    @Test
    void anotherRobotsSession_isRefusedAsUnknown_andTheRefusalAudited() {
        Patient patient = registeredPatient();
        CareSession session = runningSession(patient, registeredRobot(), Instant.now().minusSeconds(60));
        granted(patient, Instant.now().minusSeconds(60), LISTENING);
        Robot stranger = registeredRobot();

        assertThatThrownBy(() -> conversing.open(new OpenTurn(robot(stranger), session.id(), Instant.now(), false)))
                .isInstanceOf(UnknownCareSession.class);
        assertThat(outcomesOf(stranger)).containsExactly("DENIED");
    }

    @Test
    void aCancelledSession_isRefusedAsNotInProgress() {
        Patient patient = registeredPatient();
        Robot robot = registeredRobot();
        Instant start = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MICROS);
        CareSession cancelled = CareSession.schedule(patient.id(), robot.id(), new TimeWindow(start,
                start.plusSeconds(1800)), "ease pre-operative anxiety", true).cancel("patient unwell", Instant.now());
        sessions.save(cancelled);
        granted(patient, Instant.now().minusSeconds(60), LISTENING);

        assertThatThrownBy(() -> conversing.open(new OpenTurn(robot(robot), cancelled.id(), Instant.now(), false)))
                .isInstanceOf(SessionNotInProgress.class);
    }

    @Test
    void aWithdrawalInForceAtTheTurnsInstant_refusesTheTurn_andTheOpeningIsAudited() {
        Patient patient = registeredPatient();
        Robot robot = registeredRobot();
        CareSession session = runningSession(patient, robot, Instant.now().minusSeconds(60));
        ConsentHistory history = granted(patient, Instant.now().minusSeconds(60), LISTENING);
        consents.append(history.withdraw(Instant.now().minusSeconds(1), DR_LI));

        assertThatThrownBy(() -> conversing.open(new OpenTurn(robot(robot), session.id(), Instant.now(), false)))
                .isInstanceOfSatisfying(Conflict.class, refused -> assertThat(refused.kind())
                        .isEqualTo("consent-required"));
        assertThat(outcomesOf(robot)).containsExactly("SUCCESS");
    }

    @Test
    void aWithdrawalTakingEffectAfterTheTurnsInstant_letsTheTurnListen() throws Exception {
        Patient patient = registeredPatient();
        Robot robot = registeredRobot();
        CareSession session = runningSession(patient, robot, Instant.now().minusSeconds(60));
        ConsentHistory history = granted(patient, Instant.now().minusSeconds(60), LISTENING);
        consents.append(history.withdraw(Instant.now().plusSeconds(3600), DR_LI));

        try (StreamedTurn turn = conversing.open(new OpenTurn(robot(robot), session.id(), Instant.now(), false))) {
            turn.hear(new byte[3200]);
        }
        assertThat(outcomesOf(robot)).containsExactly("SUCCESS"); // the opening, audited as the turn was abandoned
    }

    private ConsentHistory granted(Patient patient, Instant at, Set<ConsentScope> scopes) {
        Consent grant = ConsentHistory.empty(patient.id()).grant(scopes,
                scopes.contains(ConsentScope.RECORDING_RETENTION) ? Duration.ofDays(30) : null,
                at.truncatedTo(ChronoUnit.MICROS), DR_LI);
        consents.append(grant);
        return ConsentHistory.empty(patient.id()).with(grant);
    }

    private List<String> outcomesOf(Robot robot) {
        return jdbc.sql("select outcome from audit_event where actor_id = ? and entity_type = 'CareSession' "
                + "order by sequence").param(robot.id().value()).query(String.class).list();
    }

    private static Caller robot(Robot robot) {
        return new Caller(new Actor(robot.id().value(), Role.ROBOT), "10.1.2.3", "req-" + UUID.randomUUID(),
                "treatment");
    }

    /** The session's {@code sequence}th turn, before it is recorded. */
    private static TurnDraft turn(CareSession session, int sequence) {
        String said = sequence == 8 ? "turn 8, \"quoted\", {braced}" : "turn " + sequence;
        return new TurnDraft(TurnId.newId(), session.id(), NINE_AM.plusSeconds(sequence * 30L), said, List.of(),
                new CareResponse("I hear you (" + sequence + ").", Tone.CALM, FacialExpression.NEUTRAL, Motion.NONE),
                false, StageLatencies.none(),
                new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "9f3e2a", Optional.empty()),
                Optional.empty());
    }

    private Patient registeredPatient() {
        Patient patient = Patient.register("Sam", 1958, Gender.MALE, "en", Preferences.none());
        patients.save(patient);
        return patient;
    }

    private Robot registeredRobot() {
        Robot robot = new Robot(new RobotId("ward-" + UUID.randomUUID().toString().substring(0, 8)), "Xiao Ai",
                "humanoid-h1", "profiles/humanoid-h1.yaml");
        robots.save(robot);
        return robot;
    }

    private CareSession runningSession(Patient patient, Robot robot, Instant start) {
        Instant from = start.truncatedTo(ChronoUnit.MICROS);
        CareSession session = CareSession.schedule(patient.id(), robot.id(),
                new TimeWindow(from, from.plus(Duration.ofMinutes(59))), "ease pre-operative anxiety", true)
                .start(from.plusSeconds(5));
        sessions.save(session);
        return session;
    }
}
