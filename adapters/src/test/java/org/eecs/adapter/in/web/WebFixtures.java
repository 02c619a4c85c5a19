package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.TestIssuer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The records the web tests act on, made through the API itself as a clinician or administrator would. Every
 * name is unique to the call: the database is shared by all tests and never emptied.
 */
final class WebFixtures {

    /** Windows handed out far apart, so that no two sessions of one robot ever overlap by accident. */
    private static final AtomicInteger NEXT_SLOT = new AtomicInteger(1);

    static final String ADMIN = "admin-" + unique();

    private final Api api;

    WebFixtures(Api api) {
        this.api = api;
    }

    /** A name no other test uses, such as "dr-3f9a1c2b". */
    static String unique(String prefix) {
        return prefix + "-" + unique();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String adminToken() {
        return TestIssuer.user(ADMIN, "admin");
    }

    static String clinicianToken(String username) {
        return TestIssuer.user(username, "clinician");
    }

    /** A one-hour window of its own, starting some days from now. */
    static Instant freeSlot() {
        return Instant.now().plus(NEXT_SLOT.getAndIncrement() * 2L, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    }

    String registerPatient(String clinicianToken, String alias) {
        Answer registered = api.post("/api/v1/patients").token(clinicianToken).json("""
                {"alias": "%s", "birthYear": 1980, "gender": "UNDISCLOSED", "preferredLanguage": "en",
                 "preferences": ["likes quiet music"]}""".formatted(alias)).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.json().get("id").asString();
    }

    void grantConsent(String clinicianToken, String patient) {
        Answer granted = api.post("/api/v1/patients/" + patient + "/consents").token(clinicianToken)
                .json("{\"scopes\": [\"AUDIO_CAPTURE\", \"VIDEO_CAPTURE\", \"EMOTION_ANALYSIS\"]}").send();
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
    }

    String registerRobot() {
        String robot = unique("robot");
        Answer registered = api.post("/api/v1/robots").token(adminToken()).json(robotJson(robot)).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return robot;
    }

    static String robotJson(String robot) {
        return """
                {"id": "%s", "name": "Ward robot", "model": "humanoid-h1", "profileReference": "profiles/h1.yaml"}"""
                .formatted(robot);
    }

    static String sessionJson(String patient, String robot, Instant start) {
        return """
                {"patientId": "%s", "robotId": "%s", "start": "%s", "end": "%s",
                 "careGoal": "ease pre-operative anxiety", "emotionInput": true}"""
                .formatted(patient, robot, start, start.plus(1, ChronoUnit.HOURS));
    }

    String schedule(String clinicianToken, String patient, String robot) {
        Answer scheduled = api.post("/api/v1/sessions").token(clinicianToken)
                .json(sessionJson(patient, robot, freeSlot())).send();
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);
        return scheduled.json().get("id").asString();
    }

    void start(String clinicianToken, String session) {
        Answer started = api.post("/api/v1/sessions/" + session + "/start").token(clinicianToken).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
    }

    void complete(String clinicianToken, String session) {
        Answer completed = api.post("/api/v1/sessions/" + session + "/complete").token(clinicianToken).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
    }

    void rate(String clinicianToken, String session, int score) {
        Answer rated = api.put("/api/v1/sessions/" + session + "/rating").token(clinicianToken)
                .json("{\"score\": %d}".formatted(score)).send();
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
    }

    /** A running session of a new patient (consenting to audio, video and emotion analysis) with a new robot. */
    Running running(String clinicianToken) {
        String robot = registerRobot();
        String patient = registerPatient(clinicianToken, unique("Turner"));
        grantConsent(clinicianToken, patient);
        String session = schedule(clinicianToken, patient, robot);
        start(clinicianToken, session);
        return new Running(robot, TestIssuer.robot(robot), patient, session);
    }

    /** A session in progress: its robot (and that robot's token), patient and id. */
    record Running(String robot, String token, String patient, String session) {
    }

    /** A text turn's body, spoken a moment ago. */
    static String textTurn(String text) {
        Instant start = Instant.now().minusSeconds(3);
        return """
                {"text": "%s", "startedAt": "%s", "endedAt": "%s"}""".formatted(text, start, start.plusSeconds(2));
    }

    /** One audit event as the tests compare them. */
    record Audited(String actorId, String actorRole, String action, String entityType, String entityId,
                   String patientId, String outcome, String sourceAddress) {

        @Override
        public String toString() {
            return actorRole + ":" + actorId + " " + action + " " + entityType + "/" + entityId + " patient="
                    + patientId + " " + outcome + " from " + sourceAddress;
        }
    }

    /** The audit events written for the request with this X-Request-Id, in order. */
    static List<Audited> auditedFor(JdbcClient jdbc, String requestId) {
        return jdbc.sql("""
                        select actor_id, actor_role, action, entity_type, entity_id, patient_id::text as patient,
                               outcome, source_address
                        from audit_event where request_id = ? order by sequence""")
                .param(requestId)
                .query((row, n) -> new Audited(row.getString("actor_id"), row.getString("actor_role"),
                        row.getString("action"), row.getString("entity_type"), row.getString("entity_id"),
                        row.getString("patient"), row.getString("outcome"), row.getString("source_address")))
                .list();
    }

    static String requestId() {
        return "test-" + UUID.randomUUID();
    }
}
