package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The "done when", over HTTP with signed tokens: a clinician registers a patient, records consent,
 * schedules, starts and completes a session, and reads its review; every step is audited.
 */
@IntegrationTest
class ClinicianJourneyTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Api api;

    @BeforeEach
    void connect() {
        api = Api.onPort(port);
    }

    @Test
    void aClinicianRunsACareSessionFromRegistrationToReview() {
        String clinician = "dr-journey-" + UUID.randomUUID().toString().substring(0, 6);
        String token = TestIssuer.user(clinician, "clinician");
        String robot = "robot-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/robots").token(TestIssuer.user("admin-sam", "admin"))
                .json("""
                        {"id": "%s", "name": "Xiao Ai", "model": "humanoid-h1", "profileReference": "profiles/h1.yaml"}
                        """.formatted(robot)).send().status()).isEqualTo(201);

        Answer registered = api.post("/api/v1/patients").token(token).json("""
                {"alias": "Robin", "birthYear": 1990, "gender": "FEMALE", "preferredLanguage": "en",
                 "preferences": ["prefers a calm voice"]}""").send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String patient = registered.json().get("id").asString();
        assertThat(registered.header("Location")).isEqualTo("/api/v1/patients/" + patient);

        Answer consent = api.post("/api/v1/patients/" + patient + "/consents").token(token).json("""
                {"scopes": ["AUDIO_CAPTURE", "VIDEO_CAPTURE", "EMOTION_ANALYSIS"]}""").send();
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        assertThat(consent.json().get("version").asInt()).isEqualTo(1);

        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Answer scheduled = api.post("/api/v1/sessions").token(token).json("""
                {"patientId": "%s", "robotId": "%s", "start": "%s", "end": "%s",
                 "careGoal": "ease pre-operative anxiety", "emotionInput": true}"""
                .formatted(patient, robot, start, start.plus(30, ChronoUnit.MINUTES))).send();
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);
        String session = scheduled.json().get("id").asString();

        Answer started = api.post("/api/v1/sessions/" + session + "/start").token(token).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("state").asString()).isEqualTo("IN_PROGRESS");
        Answer completed = api.post("/api/v1/sessions/" + session + "/complete").token(token).send();
        assertThat(completed.json().get("state").asString()).isEqualTo("COMPLETED");

        assertThat(api.put("/api/v1/sessions/" + session + "/rating").token(token)
                .json("{\"score\": 5, \"comment\": \"felt listened to\"}").send().status()).isEqualTo(200);
        assertThat(api.post("/api/v1/sessions/" + session + "/notes").token(token)
                .json("{\"text\": \"Calm throughout.\"}").send().status()).isEqualTo(201);
        Answer transcript = api.get("/api/v1/sessions/" + session + "/transcript").token(token).send();
        assertThat(transcript.status()).isEqualTo(200);
        assertThat(transcript.json().get("turns").size()).isZero();
        assertThat(api.get("/api/v1/sessions/" + session + "/rating").token(token).send().json()
                .get("label").asString()).isEqualTo("excellent");

        List<String> audited = jdbc.sql("""
                        select action || ' ' || entity_type || ' ' || outcome from audit_event
                        where actor_id = ? order by sequence""")
                .param(clinician).query(String.class).list();
        assertThat(audited).containsExactly(
                "CREATE Patient SUCCESS",
                "CREATE Consent SUCCESS",
                "CREATE CareSession SUCCESS",
                "UPDATE CareSession SUCCESS",
                "UPDATE CareSession SUCCESS",
                "CREATE CareExperienceRating SUCCESS",
                "CREATE ReviewNote SUCCESS",
                "READ Transcript SUCCESS",
                "READ CareExperienceRating SUCCESS");
        assertThat(jdbc.sql("select count(*) from audit_event where actor_id = ? and patient_id = ?::uuid")
                .params(clinician, patient).query(Long.class).single()).isEqualTo(audited.size());
    }

    @Test
    void aClinicianOutsideTheCareTeamGetsNotFound_andTheRefusalIsAudited() {
        String token = TestIssuer.user("dr-owner", "clinician");
        String patient = api.post("/api/v1/patients").token(token).json("""
                {"alias": "Kai", "birthYear": 1950, "gender": "MALE", "preferredLanguage": "de"}""")
                .send().json().get("id").asString();

        Answer stranger = api.get("/api/v1/patients/" + patient).token(TestIssuer.user("dr-stranger", "clinician"))
                .send();

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.contentType()).startsWith("application/problem+json");
        assertThat(stranger.json().get("type").asString()).isEqualTo("urn:eecs:problem:not-found");
        assertThat(jdbc.sql("""
                        select outcome from audit_event where actor_id = 'dr-stranger' and patient_id = ?::uuid""")
                .param(patient).query(String.class).list()).containsExactly("DENIED");
    }
}
