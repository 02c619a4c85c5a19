package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.auditedFor;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A request the API cannot or will not carry out is answered with a 4xx RFC 7807 problem of a stable
 * {@code urn:eecs:problem:*} type, never a 500, and leaves nothing behind: no record and no audit event.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemDetailsTest {

    private static final int LIMIT = 65536;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Api api;
    WebFixtures fixtures;
    String clinician;
    String token;
    String patient;
    String robot;

    @BeforeAll
    void makeTheRecords() {
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        clinician = unique("dr-problems");
        token = clinicianToken(clinician);
        robot = fixtures.registerRobot();
        patient = fixtures.registerPatient(token, "Problematic");
        fixtures.grantConsent(token, patient);
    }

    /** Asserts the answer is the problem of this status and type, and returns its JSON. */
    static JsonNode assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asString("")).as(answer.toString()).isEqualTo("urn:eecs:problem:" + type);
        assertThat(problem.path("status").asInt(0)).as(answer.toString()).isEqualTo(status);
        assertThat(problem.path("title").asString("")).as(answer.toString()).isNotBlank();
        assertThat(problem.path("detail").asString("")).as(answer.toString()).isNotBlank();
        return problem;
    }

    private long patientsCalled(String alias) {
        return jdbc.sql("select count(*) from patient where alias = ?").param(alias).query(Long.class).single();
    }

    private static String patientJson(String alias) {
        return """
                {"alias": "%s", "birthYear": 1990, "gender": "FEMALE", "preferredLanguage": "en"}""".formatted(alias);
    }

    /**
     * A registration refused for its body: the problem of this type, and neither a patient nor an audit event
     * written for it.
     */
    private JsonNode refusedRegistration(String alias, String body, String contentType, int status, String type) {
        String requestId = WebFixtures.requestId();
        Api.Call call = api.post("/api/v1/patients").token(token).header("X-Request-Id", requestId);
        if (body != null) {
            call.json(body);
        }
        if (contentType != null) {
            call.header("Content-Type", contentType);
        }
        JsonNode problem = assertProblem(call.send(), status, type);
        assertThat(problem.get("requestId").asString()).isEqualTo(requestId);
        assertThat(patientsCalled(alias)).isZero();
        assertThat(auditedFor(jdbc, requestId)).isEmpty();
        return problem;
    }

    @Nested
    class UnreadableBodies {

        @Test
        void malformedJsonIsAMalformedRequestSayingWhere() {
            String alias = unique("malformed");
            JsonNode problem = refusedRegistration(alias, "{\"alias\": \"" + alias + "\", \"birthYear\": 19", null,
                    400, "malformed-request");
            assertThat(problem.get("detail").asString()).contains("not well-formed JSON", "line 1");
        }

        @Test
        void anUnknownFieldIsAMalformedRequestNamingTheField() {
            String alias = unique("unknown-field");
            JsonNode problem = refusedRegistration(alias, """
                    {"alias": "%s", "birthYear": 1990, "gender": "FEMALE", "preferredLanguage": "en",
                     "diagnosis": "not ours to keep"}""".formatted(alias), null, 400, "malformed-request");
            assertThat(problem.get("detail").asString()).contains("diagnosis");
        }

        @Test
        void aWrongTypeIsAMalformedRequestNamingTheField() {
            String alias = unique("wrong-type");
            JsonNode problem = refusedRegistration(alias, """
                    {"alias": "%s", "birthYear": "nineteen ninety", "gender": "FEMALE", "preferredLanguage": "en"}"""
                    .formatted(alias), null, 400, "malformed-request");
            assertThat(problem.get("detail").asString()).contains("\"birthYear\"");
        }

        @Test
        void anUnknownEnumValueIsAMalformedRequestListingTheValues() {
            String alias = unique("wrong-gender");
            JsonNode problem = refusedRegistration(alias, """
                    {"alias": "%s", "birthYear": 1990, "gender": "SOMETIMES", "preferredLanguage": "en"}"""
                    .formatted(alias), null, 400, "malformed-request");
            assertThat(problem.get("detail").asString()).contains("\"gender\"", "FEMALE", "UNDISCLOSED");
        }

        @Test
        void anUnknownConsentScopeIsAMalformedRequestNamingTheElement() {
            JsonNode problem = assertProblem(api.post("/api/v1/patients/" + patient + "/consents").token(token)
                    .json("{\"scopes\": [\"AUDIO_CAPTURE\", \"MIND_READING\"]}").send(), 400, "malformed-request");
            assertThat(problem.get("detail").asString()).contains("\"scopes[1]\"", "RESEARCH_USE");
        }

        @Test
        void anEmptyBodyIsAMalformedRequest() {
            String alias = unique("empty");
            refusedRegistration(alias, "", null, 400, "malformed-request");
        }

        @Test
        void problemsDoNotExposeTheServersClassOrMethodNames() {
            String alias = unique("no-internals");
            for (String body : new String[] {
                    patientJson(alias).replace("}", ", \"x\": 1}"),
                    patientJson(alias).replace("1990", "\"nineteen ninety\""),
                    patientJson(alias).replace("FEMALE", "SOMETIMES"),
                    "",
                    "[]",
                    "{\"alias\": "}) {
                JsonNode problem = refusedRegistration(alias, body, null, 400, "malformed-request");
                assertThat(problem.toString()).doesNotContain("org.eecs", "java.", "tools.jackson", "class ",
                        "PatientController", "NewPatient");
            }
            assertThat(api.get("/api/v1/patients?ageGroup=ANCIENT").token(token).send().body())
                    .doesNotContain("org.eecs", "java.");
        }
    }

    @Nested
    class InvalidBodies {

        @Test
        void missingRequiredFieldsAreAnInvalidRequestListingEachField() {
            JsonNode problem = refusedRegistration("", "{}", null, 400, "invalid-request");

            assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                    .contains("alias", "birthYear", "gender", "preferredLanguage");
            assertThat(problem.get("errors").valueStream().map(error -> error.get("message").asString()))
                    .allSatisfy(message -> assertThat(message).isNotBlank());
        }

        @Test
        void aBirthYearOutOfRangeIsAnInvalidRequest() {
            String alias = unique("too-old");
            JsonNode problem = refusedRegistration(alias, """
                    {"alias": "%s", "birthYear": 1850, "gender": "FEMALE", "preferredLanguage": "en"}"""
                    .formatted(alias), null, 400, "invalid-request");
            assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                    .containsExactly("birthYear");
        }

        @Test
        void aCancellationWithoutAReasonIsAnInvalidRequest() {
            String session = fixtures.schedule(token, patient, robot);

            assertProblem(api.post("/api/v1/sessions/" + session + "/cancel").token(token).json("{}").send(), 400,
                    "invalid-request");
            assertThat(stateOf(session)).isEqualTo("SCHEDULED");
        }

        @Test
        void aRatingOfSixIsAnInvalidValue() {
            String session = fixtures.schedule(token, patient, robot);
            fixtures.start(token, session);
            fixtures.complete(token, session);
            String requestId = WebFixtures.requestId();

            assertProblem(api.put("/api/v1/sessions/" + session + "/rating").token(token)
                    .header("X-Request-Id", requestId).json("{\"score\": 6}").send(), 400, "invalid-value");
            assertThat(jdbc.sql("select count(*) from care_experience_rating where session_id = ?::uuid")
                    .param(session).query(Long.class).single()).isZero();
            assertThat(auditedFor(jdbc, requestId)).isEmpty();
        }

        @Test
        void consentToRetainRecordingsWithoutARetentionIsAnInvalidValue() {
            assertProblem(api.post("/api/v1/patients/" + patient + "/consents").token(token)
                    .json("{\"scopes\": [\"AUDIO_CAPTURE\", \"RECORDING_RETENTION\"]}").send(), 400, "invalid-value");
        }
    }

    @Nested
    class OversizedBodies {

        private String oversizedRegistration(String alias) {
            String padding = "x".repeat(LIMIT);
            return """
                    {"alias": "%s", "birthYear": 1990, "gender": "FEMALE", "preferredLanguage": "en",
                     "preferences": ["%s"]}""".formatted(alias, padding);
        }

        @Test
        void aBodyOverTheLimitWithItsLengthDeclaredIsTooLarge() {
            String alias = unique("declared-large");
            refusedRegistration(alias, oversizedRegistration(alias), null, 413, "payload-too-large");
        }

        @Test
        void aBodyOverTheLimitSentInChunksIsTooLarge() throws IOException, InterruptedException {
            String alias = unique("chunked-large");
            Answer answer = sendChunked(oversizedRegistration(alias), null);

            assertProblem(answer, 413, "payload-too-large");
            assertThat(patientsCalled(alias)).isZero();
        }

        @Test
        void aBodyOverTheLimitSentInChunksWithAnIdempotencyKeyIsTooLarge() throws IOException, InterruptedException {
            String alias = unique("chunked-large-keyed");
            Answer answer = sendChunked(oversizedRegistration(alias), UUID.randomUUID().toString());

            assertProblem(answer, 413, "payload-too-large");
            assertThat(patientsCalled(alias)).isZero();
        }

        @Test
        void aBodyJustUnderTheLimitSentInChunksIsRead() throws IOException, InterruptedException {
            String alias = unique("chunked-fits");
            String body = patientJson(alias);
            body = body.substring(0, body.length() - 1) + ", \"preferences\": [\"calm\"]}";
            // pad with insignificant whitespace up to exactly the limit
            body = body + " ".repeat(LIMIT - body.getBytes(StandardCharsets.UTF_8).length);

            Answer answer = sendChunked(body, null);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(patientsCalled(alias)).isEqualTo(1);
        }

        @Test
        void aFormBodyOverTheLimitSentInChunksIsTooLarge() throws IOException, InterruptedException {
            Answer answer = sendChunked("PUT", "/api/v1/patients/" + patient + "/preferences",
                    "application/x-www-form-urlencoded", "notes=" + "x".repeat(LIMIT), null);

            assertProblem(answer, 413, "payload-too-large");
        }

        private Answer sendChunked(String body, String idempotencyKey) throws IOException, InterruptedException {
            return sendChunked("POST", "/api/v1/patients", "application/json", body, idempotencyKey);
        }

        /** Sends the body with no declared length: the JDK client then sends it chunked. */
        private Answer sendChunked(String method, String path, String contentType, String body, String idempotencyKey)
                throws IOException, InterruptedException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body(), response);
            }
        }
    }

    @Nested
    class RequestsOfTheWrongShape {

        @Test
        void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
            String alias = unique("plain");
            refusedRegistration(alias, patientJson(alias), "text/plain", 415, "unsupported-media-type");
        }

        @Test
        void anUnsupportedMethodIsMethodNotAllowed() {
            assertProblem(api.delete("/api/v1/patients/" + patient).token(token).send(), 405, "method-not-allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/v1/patients/not-a-uuid", "/api/v1/patients/1-2-3-4-5",
                "/api/v1/patients/not-a-uuid/consents", "/api/v1/sessions/not-a-uuid",
                "/api/v1/sessions/not-a-uuid/transcript", "/api/v1/sessions?patient=not-a-uuid"})
        void aMalformedIdIsAnInvalidParameter(String path) {
            JsonNode problem = assertProblem(api.get(path).token(token).send(), 400, "invalid-parameter");
            assertThat(problem.get("detail").asString()).contains("UUID");
            assertThat(problem.get("title").asString()).isEqualTo("Invalid parameter");
        }

        @Test
        void aMalformedRobotIdIsAnInvalidParameter() {
            assertProblem(api.get("/api/v1/robots/Not_A_Robot").token(token).send(), 400, "invalid-parameter");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/v1/patients?ageGroup=ANCIENT", "/api/v1/sessions?state=PAUSED",
                "/api/v1/sessions?day=yesterday", "/api/v1/patients?page=first"})
        void aQueryValueOfTheWrongKindIsAnInvalidParameter(String path) {
            JsonNode problem = assertProblem(api.get(path).token(token).send(), 400, "invalid-parameter");
            assertThat(problem.get("detail").asString()).contains(path.substring(path.indexOf('?') + 1,
                    path.indexOf('=')));
        }

        @Test
        void anUnknownAgeGroupIsAnInvalidParameterListingTheGroups() {
            assertThat(assertProblem(api.get("/api/v1/patients?ageGroup=ANCIENT").token(token).send(), 400,
                    "invalid-parameter").get("detail").asString()).contains("YOUTH", "SENIOR");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/v1/patients;jsessionid=1", "/api/v1/patients/..;/robots"})
        void aPathTheFirewallRejectsIsAMalformedRequest_notAForbiddenOne(String path) {
            assertProblem(api.get(path).token(token).send(), 400, "malformed-request");
            assertProblem(api.get(path).send(), 400, "malformed-request");
        }

        @ParameterizedTest
        @ValueSource(strings = {"size=0", "size=101", "page=-1"})
        void aPageOutOfRangeIsAnInvalidParameter(String query) {
            assertProblem(api.get("/api/v1/patients?" + query).token(token).send(), 400, "invalid-parameter");
            assertProblem(api.get("/api/v1/sessions?" + query).token(token).send(), 400, "invalid-parameter");
        }

        @Test
        void theLargestPageIsServed() {
            assertThat(api.get("/api/v1/patients?size=100").token(token).send().status()).isEqualTo(200);
        }
    }

    @Nested
    class Conflicts {

        @Test
        void completingASessionThatHasNotStartedIsAnIllegalTransition() {
            String session = fixtures.schedule(token, patient, robot);

            assertProblem(api.post("/api/v1/sessions/" + session + "/complete").token(token).send(), 409,
                    "illegal-transition");
            assertThat(stateOf(session)).isEqualTo("SCHEDULED");
        }

        @Test
        void cancellingACompletedSessionIsAnIllegalTransition() {
            String session = fixtures.schedule(token, patient, robot);
            fixtures.start(token, session);
            fixtures.complete(token, session);

            assertProblem(api.post("/api/v1/sessions/" + session + "/cancel").token(token)
                    .json("{\"reason\": \"too late\"}").send(), 409, "illegal-transition");
            assertThat(stateOf(session)).isEqualTo("COMPLETED");
        }

        @Test
        void aSecondSessionOverlappingOnTheSameRobotIsRefused_andNothingIsWritten() {
            Instant start = WebFixtures.freeSlot();
            assertThat(api.post("/api/v1/sessions").token(token).json(WebFixtures.sessionJson(patient, robot, start))
                    .send().status()).isEqualTo(201);
            long before = sessionsOf(robot);
            String requestId = WebFixtures.requestId();

            assertProblem(api.post("/api/v1/sessions").token(token).header("X-Request-Id", requestId)
                    .json(WebFixtures.sessionJson(patient, robot, start.plus(30, ChronoUnit.MINUTES))).send(), 409,
                    "session-overlap");
            assertThat(sessionsOf(robot)).isEqualTo(before);
            assertThat(auditedFor(jdbc, requestId)).isEmpty();
        }

        @Test
        void startingWithoutConsentIsRefused_andTheSessionStaysScheduled() {
            String unconsented = fixtures.registerPatient(token, "Not consented");
            String session = fixtures.schedule(token, unconsented, robot);
            String requestId = WebFixtures.requestId();

            assertProblem(api.post("/api/v1/sessions/" + session + "/start").token(token)
                    .header("X-Request-Id", requestId).send(), 409, "consent-required");
            assertThat(stateOf(session)).isEqualTo("SCHEDULED");
            assertThat(auditedFor(jdbc, requestId)).isEmpty();
        }

        @Test
        void startingAfterConsentWasWithdrawnIsRefused() {
            String withdrawn = fixtures.registerPatient(token, "Withdrawn");
            fixtures.grantConsent(token, withdrawn);
            String session = fixtures.schedule(token, withdrawn, robot);
            assertThat(api.post("/api/v1/patients/" + withdrawn + "/consents/withdrawal").token(token).send()
                    .status()).isEqualTo(201);

            assertProblem(api.post("/api/v1/sessions/" + session + "/start").token(token).send(), 409,
                    "consent-required");
        }

        @Test
        void ratingASessionThatHasNotEndedIsRefused() {
            String session = fixtures.schedule(token, patient, robot);

            assertProblem(api.put("/api/v1/sessions/" + session + "/rating").token(token).json("{\"score\": 4}")
                    .send(), 409, "session-not-ended");
        }

        @Test
        void registeringARobotTwiceIsRefused() {
            assertProblem(api.post("/api/v1/robots").token(WebFixtures.adminToken())
                    .json(WebFixtures.robotJson(robot)).send(), 409, "robot-already-registered");
        }

        @Test
        void schedulingOnARobotThatIsNotRegisteredIsNotFound() {
            assertProblem(api.post("/api/v1/sessions").token(token)
                    .json(WebFixtures.sessionJson(patient, unique("robot-nowhere"), WebFixtures.freeSlot())).send(),
                    404, "not-found");
        }
    }

    @Nested
    class Absences {

        @Test
        void aPatientWithoutConsentHasNoCurrentConsent() {
            String unconsented = fixtures.registerPatient(token, "No consent yet");
            assertProblem(api.get("/api/v1/patients/" + unconsented + "/consents/current").token(token).send(), 404,
                    "not-found");
        }

        @Test
        void anUnratedSessionHasNoRating() {
            String session = fixtures.schedule(token, patient, robot);
            assertProblem(api.get("/api/v1/sessions/" + session + "/rating").token(token).send(), 404, "not-found");
        }

        @Test
        void anUnknownPathIsRefusedAsAProblem() {
            Answer answer = api.get("/api/v1/nothing-here").token(token).send();
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    private String stateOf(String session) {
        return jdbc.sql("select state from care_session where id = ?::uuid").param(session).query(String.class)
                .single();
    }

    private long sessionsOf(String robotId) {
        return jdbc.sql("select count(*) from care_session where robot_id = ?").param(robotId).query(Long.class)
                .single();
    }
}
