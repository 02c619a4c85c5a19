package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.adminToken;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every endpoint of the API against every kind of caller, each cell with the exact status the role table of
 * {@code SecurityConfiguration} and the care-team rules of the use cases give: 401 for a missing or bad token,
 * 403 for a role the table refuses, 404 for a record outside the caller's care team (or another robot's
 * session), as if it did not exist, and success for the rest. Refusals are problems of a stable type.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /** Who calls. The last five present a bad token (or none) of a caller who would otherwise be allowed. */
    enum Who {
        CLINICIAN_IN_CARE_TEAM, CLINICIAN_OUTSIDE_CARE_TEAM, AUDITOR, INTEGRATION, ROBOT_OF_THE_SESSION,
        ANOTHER_ROBOT, ADMIN,
        NO_TOKEN, EXPIRED_TOKEN, TOKEN_FROM_ANOTHER_ISSUER, TOKEN_FOR_ANOTHER_AUDIENCE, TAMPERED_TOKEN
    }

    @LocalServerPort int port;
    @Autowired RespondingToPatients reasoning;
    Api api;

    // the records every cell acts on, made once
    String inTeam;
    String outsider;
    String auditor;
    String integration;
    String robotOfTheSession;
    String anotherRobot;
    String patient;
    /** A second patient of the same care team, whose consent the consent cells change. */
    String consentPatient;
    String scheduledToStart;
    String runningToComplete;
    String scheduledToCancel;
    String completedToReview;
    /** A running session in which crisis language was heard twice: one escalation to acknowledge, one to resolve. */
    String inCrisis;
    String escalationToAcknowledge;
    String escalationToResolve;
    /** An export of audit events an auditor asked for. */
    String export;
    /** The sequence number of an audit event, to read as a FHIR AuditEvent. */
    String auditEvent;

    @BeforeAll
    void makeTheRecords() {
        api = Api.onPort(port);
        WebFixtures fixtures = new WebFixtures(api);
        inTeam = unique("dr-matrix-in");
        outsider = unique("dr-matrix-out");
        auditor = unique("auditor");
        integration = unique("integration");
        String token = clinicianToken(inTeam);

        robotOfTheSession = fixtures.registerRobot();
        anotherRobot = fixtures.registerRobot();
        patient = fixtures.registerPatient(token, "Matrix");
        consentPatient = fixtures.registerPatient(token, "Matrix consent");
        fixtures.grantConsent(token, patient);
        fixtures.grantConsent(token, consentPatient);

        scheduledToStart = fixtures.schedule(token, patient, robotOfTheSession);
        runningToComplete = fixtures.schedule(token, patient, robotOfTheSession);
        fixtures.start(token, runningToComplete);
        scheduledToCancel = fixtures.schedule(token, patient, robotOfTheSession);
        completedToReview = fixtures.schedule(token, patient, robotOfTheSession);
        fixtures.start(token, completedToReview);
        fixtures.complete(token, completedToReview);
        fixtures.rate(token, completedToReview, 4);
        inCrisis = fixtures.schedule(token, patient, robotOfTheSession);
        fixtures.start(token, inCrisis);
        escalationToAcknowledge = Crises.raise(reasoning, robotOfTheSession, inCrisis, "I want to kill myself.");
        escalationToResolve = Crises.raise(reasoning, robotOfTheSession, inCrisis, "My husband beats me.");
        export = api.post("/api/v1/audit/exports").token(TestIssuer.user(auditor, "auditor"))
                .json("{\"requestId\": \"matrix\"}").send().json().get("id").asString();
        auditEvent = api.get("/api/v1/audit/events?size=1&order=newest").token(TestIssuer.user(auditor, "auditor"))
                .send().json().get("items").get(0).get("sequence").asString();
    }

    /** One endpoint: how to call it, and the status each caller gets. */
    record Endpoint(String name, String method, Function<AuthorizationMatrixTest, String> path, String body,
                    Who allowed, Map<Who, Integer> expected) {
    }

    private static final List<Endpoint> ENDPOINTS = new ArrayList<>();

    /**
     * A row of the table: the statuses of, in this order, a clinician in the care team, a clinician outside it,
     * an auditor, an integration, the robot of the session, another robot and an administrator. Every bad token
     * (or none) gets 401.
     */
    private static void row(String method, String name, Function<AuthorizationMatrixTest, String> path, String body,
                            int inTeam, int outsider, int auditor, int integration, int ownRobot, int otherRobot,
                            int admin) {
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        expected.put(Who.CLINICIAN_IN_CARE_TEAM, inTeam);
        expected.put(Who.CLINICIAN_OUTSIDE_CARE_TEAM, outsider);
        expected.put(Who.AUDITOR, auditor);
        expected.put(Who.INTEGRATION, integration);
        expected.put(Who.ROBOT_OF_THE_SESSION, ownRobot);
        expected.put(Who.ANOTHER_ROBOT, otherRobot);
        expected.put(Who.ADMIN, admin);
        for (Who bad : List.of(Who.NO_TOKEN, Who.EXPIRED_TOKEN, Who.TOKEN_FROM_ANOTHER_ISSUER,
                Who.TOKEN_FOR_ANOTHER_AUDIENCE, Who.TAMPERED_TOKEN)) {
            expected.put(bad, 401);
        }
        Who allowed = admin / 100 == 2 && inTeam / 100 != 2 ? Who.ADMIN
                : auditor / 100 == 2 && inTeam / 100 != 2 ? Who.AUDITOR : Who.CLINICIAN_IN_CARE_TEAM;
        ENDPOINTS.add(new Endpoint(name, method, path, body, allowed, expected));
    }

    static {
        String patientJson = """
                {"alias": "Matrix new", "birthYear": 1975, "gender": "FEMALE", "preferredLanguage": "fr"}""";
        //                                                                    in   out  aud  int  rob  oth  adm
        row("POST", "/patients", t -> "/api/v1/patients", patientJson,
                201, 201, 403, 403, 403, 403, 403);
        row("GET", "/patients", t -> "/api/v1/patients", null,
                200, 200, 403, 403, 403, 403, 403);
        row("GET", "/patients/{id}", t -> "/api/v1/patients/" + t.patient, null,
                200, 404, 403, 403, 403, 403, 403);
        row("PUT", "/patients/{id}/preferences", t -> "/api/v1/patients/" + t.patient + "/preferences",
                "{\"notes\": [\"prefers mornings\"]}",
                200, 404, 403, 403, 403, 403, 403);

        row("GET", "/patients/{id}/care-team", t -> "/api/v1/patients/" + t.patient + "/care-team", null,
                403, 403, 403, 403, 403, 403, 200);
        row("PUT", "/patients/{id}/care-team/{clinician}",
                t -> "/api/v1/patients/" + t.patient + "/care-team/dr-matrix-locum", null,
                403, 403, 403, 403, 403, 403, 200);
        row("DELETE", "/patients/{id}/care-team/{clinician}",
                t -> "/api/v1/patients/" + t.patient + "/care-team/dr-matrix-locum", null,
                403, 403, 403, 403, 403, 403, 200);

        row("POST", "/patients/{id}/consents", t -> "/api/v1/patients/" + t.consentPatient + "/consents",
                "{\"scopes\": [\"AUDIO_CAPTURE\"]}",
                201, 404, 403, 403, 403, 403, 403);
        row("POST", "/patients/{id}/consents/withdrawal",
                t -> "/api/v1/patients/" + t.consentPatient + "/consents/withdrawal", null,
                201, 404, 403, 403, 403, 403, 403);
        row("GET", "/patients/{id}/consents/current", t -> "/api/v1/patients/" + t.patient + "/consents/current",
                null,
                200, 404, 403, 403, 403, 403, 403);
        row("GET", "/patients/{id}/consents", t -> "/api/v1/patients/" + t.patient + "/consents", null,
                200, 404, 403, 403, 403, 403, 403);

        row("POST", "/robots", t -> "/api/v1/robots", WebFixtures.robotJson(unique("robot-matrix")),
                403, 403, 403, 403, 403, 403, 201);
        row("GET", "/robots", t -> "/api/v1/robots", null,
                200, 200, 403, 403, 403, 403, 200);
        row("GET", "/robots/{id}", t -> "/api/v1/robots/" + t.robotOfTheSession, null,
                200, 200, 403, 403, 403, 403, 200);

        row("POST", "/sessions", t -> "/api/v1/sessions",
                null, // made per run: it names the fixtures' patient and robot
                201, 404, 403, 403, 403, 403, 403);
        row("GET", "/sessions", t -> "/api/v1/sessions", null,
                200, 200, 403, 403, 200, 200, 403);
        row("GET", "/sessions/{id}", t -> "/api/v1/sessions/" + t.scheduledToStart, null,
                200, 404, 403, 403, 200, 404, 403);
        row("POST", "/sessions/{id}/start", t -> "/api/v1/sessions/" + t.scheduledToStart + "/start", null,
                200, 404, 403, 403, 403, 403, 403);
        row("POST", "/sessions/{id}/complete", t -> "/api/v1/sessions/" + t.runningToComplete + "/complete", null,
                200, 404, 403, 403, 403, 403, 403);
        row("POST", "/sessions/{id}/cancel", t -> "/api/v1/sessions/" + t.scheduledToCancel + "/cancel",
                "{\"reason\": \"patient asleep\"}",
                200, 404, 403, 403, 403, 403, 403);

        row("GET", "/sessions/{id}/transcript", t -> "/api/v1/sessions/" + t.completedToReview + "/transcript", null,
                200, 404, 403, 403, 403, 403, 403);
        row("POST", "/sessions/{id}/notes", t -> "/api/v1/sessions/" + t.completedToReview + "/notes",
                "{\"text\": \"Settled quickly.\"}",
                201, 404, 403, 403, 403, 403, 403);
        row("GET", "/sessions/{id}/notes", t -> "/api/v1/sessions/" + t.completedToReview + "/notes", null,
                200, 404, 403, 403, 403, 403, 403);
        row("PUT", "/sessions/{id}/rating", t -> "/api/v1/sessions/" + t.completedToReview + "/rating",
                "{\"score\": 5}",
                200, 404, 403, 403, 403, 403, 403);
        row("GET", "/sessions/{id}/rating", t -> "/api/v1/sessions/" + t.completedToReview + "/rating", null,
                200, 404, 403, 403, 403, 403, 403);

        row("GET", "/sessions/{id}/escalations", t -> "/api/v1/sessions/" + t.inCrisis + "/escalations", null,
                200, 404, 403, 403, 403, 403, 403);
        row("GET", "/escalations", t -> "/api/v1/escalations", null,
                200, 200, 403, 403, 403, 403, 403);
        row("POST", "/escalations/{id}/acknowledge",
                t -> "/api/v1/escalations/" + t.escalationToAcknowledge + "/acknowledge", null,
                200, 404, 403, 403, 403, 403, 403);
        row("POST", "/escalations/{id}/resolve", t -> "/api/v1/escalations/" + t.escalationToResolve + "/resolve",
                "{\"resolution\": \"Talked it through with the patient.\"}",
                200, 404, 403, 403, 403, 403, 403);

        row("GET", "/admin/configuration", t -> "/api/v1/admin/configuration", null,
                403, 403, 403, 403, 403, 403, 200);

        row("GET", "/reports/care-experience",
                t -> "/api/v1/reports/care-experience?from=2025-01-01&to=2025-01-31", null,
                200, 200, 403, 403, 403, 403, 200);
        row("GET", "/audit/events", t -> "/api/v1/audit/events", null,
                403, 403, 200, 403, 403, 403, 403);
        row("POST", "/audit/verifications", t -> "/api/v1/audit/verifications",
                "{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-02T00:00:00Z\"}",
                403, 403, 200, 403, 403, 403, 403);
        row("POST", "/audit/exports", t -> "/api/v1/audit/exports", "{\"requestId\": \"matrix\"}",
                403, 403, 202, 403, 403, 403, 403);
        row("GET", "/audit/exports/{id}", t -> "/api/v1/audit/exports/" + t.export, null,
                403, 403, 200, 403, 403, 403, 403);
        row("POST", "/audit/sessions/{id}/interaction-log",
                t -> "/api/v1/audit/sessions/" + t.completedToReview + "/interaction-log",
                "{\"purpose\": \"matrix review\"}",
                403, 403, 202, 403, 403, 403, 403);
        row("GET", "/audit/archives", t -> "/api/v1/audit/archives", null,
                403, 403, 200, 403, 403, 403, 403);
        row("POST", "/audit/exports as a FHIR Bundle", t -> "/api/v1/audit/exports",
                "{\"format\": \"FHIR_BUNDLE\", \"requestId\": \"matrix\"}",
                403, 403, 202, 403, 403, 403, 403);
        row("GET", "/robot/sessions", t -> "/api/v1/robot/sessions", null,
                403, 403, 403, 403, 200, 200, 403);
        row("POST", "/robot/sessions/{id}/text-turns", t -> "/api/v1/robot/sessions/" + t.inCrisis + "/text-turns",
                """
                {"text": "I am a little tired today.", "startedAt": "2026-11-25T09:00:00Z",
                 "endedAt": "2026-11-25T09:00:02Z"}""",
                403, 403, 403, 403, 200, 404, 403);

        // FHIR (docs/fhir.md): refusals are OperationOutcomes
        row("GET", "/fhir/AuditEvent", t -> "/fhir/AuditEvent?_count=1", null,
                403, 403, 200, 200, 403, 403, 403);
        row("GET", "/fhir/AuditEvent/{id}", t -> "/fhir/AuditEvent/" + t.auditEvent, null,
                403, 403, 200, 200, 403, 403, 403);
    }

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersEveryCallerAsTheRoleTableAndTheCareTeamSay() {
        return ENDPOINTS.stream().map(endpoint -> DynamicContainer.dynamicContainer(
                endpoint.method() + " " + endpoint.name(),
                endpoint.expected().entrySet().stream().map(cell -> DynamicTest.dynamicTest(
                        cell.getKey() + " gets " + cell.getValue(),
                        () -> assertCell(endpoint, cell.getKey(), cell.getValue())))));
    }

    private void assertCell(Endpoint endpoint, Who who, int expected) {
        String path = endpoint.path().apply(this);
        Api.Call call = api.call(endpoint.method(), path);
        String body = endpoint.body();
        if (endpoint.name().equals("/sessions") && endpoint.method().equals("POST")) {
            body = WebFixtures.sessionJson(patient, robotOfTheSession, WebFixtures.freeSlot());
        }
        if (body != null) {
            call.json(body);
        }
        String token = tokenOf(who, endpoint.allowed());
        if (token != null) {
            call.token(token);
        }

        Answer answer = call.send();

        assertThat(answer.status()).as("%s %s by %s: %s", endpoint.method(), path, who, answer).isEqualTo(expected);
        if (path.startsWith("/fhir/")) {
            assertFhirAnswer(answer, expected);
        } else if (expected >= 400) {
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).isEqualTo(switch (expected) {
                case 401 -> "urn:eecs:problem:unauthenticated";
                case 403 -> "urn:eecs:problem:forbidden";
                case 404 -> "urn:eecs:problem:not-found";
                default -> throw new IllegalArgumentException("no problem type expected for " + expected);
            });
            assertThat(answer.json().get("status").asInt()).isEqualTo(expected);
        } else {
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
        }
        if (expected == 401) {
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    /** FHIR answers in FHIR JSON, and refuses with an OperationOutcome of the issue code that says why. */
    private static void assertFhirAnswer(Answer answer, int expected) {
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/fhir+json");
        if (expected >= 400) {
            assertThat(answer.json().get("resourceType").asString()).isEqualTo("OperationOutcome");
            assertThat(answer.json().get("issue").get(0).get("code").asString()).isEqualTo(switch (expected) {
                case 401 -> "login";
                case 403 -> "forbidden";
                case 404 -> "not-found";
                default -> throw new IllegalArgumentException("no issue code expected for " + expected);
            });
        }
    }

    @Test
    void aRobotListsItsOwnSessionsOnly() {
        Answer own = api.get("/api/v1/sessions?size=100").token(TestIssuer.robot(robotOfTheSession)).send();
        Answer other = api.get("/api/v1/sessions?size=100").token(TestIssuer.robot(anotherRobot)).send();

        assertThat(own.json().get("items").valueStream().map(item -> item.get("id").asString()))
                .contains(scheduledToStart, completedToReview);
        assertThat(own.json().get("items").valueStream().map(item -> item.get("robotId").asString()))
                .containsOnly(robotOfTheSession);
        assertThat(other.json().get("total").asLong()).isZero();
    }

    @Test
    void aClinicianOutsideTheCareTeamListsNoneOfItsPatientsOrSessions_whateverTheFilter() {
        String token = clinicianToken(outsider);

        assertThat(api.get("/api/v1/patients?size=100").token(token).send().json().get("items").valueStream()
                .map(item -> item.get("id").asString())).doesNotContain(patient, consentPatient);
        assertThat(api.get("/api/v1/patients?size=100&careTeamMember=" + inTeam).token(token).send().json()
                .get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/sessions?patient=" + patient).token(token).send().json().get("total").asLong())
                .isZero();
        assertThat(api.get("/api/v1/sessions?clinician=" + inTeam).token(token).send().json().get("total").asLong())
                .isZero();
    }

    /** The token a caller presents; a bad one is otherwise that of the caller the endpoint allows. */
    private String tokenOf(Who who, Who allowed) {
        String username = allowed == Who.ADMIN ? WebFixtures.ADMIN : allowed == Who.AUDITOR ? auditor : inTeam;
        String role = allowed == Who.ADMIN ? "admin" : allowed == Who.AUDITOR ? "auditor" : "clinician";
        return switch (who) {
            case CLINICIAN_IN_CARE_TEAM -> clinicianToken(inTeam);
            case CLINICIAN_OUTSIDE_CARE_TEAM -> clinicianToken(outsider);
            case AUDITOR -> TestIssuer.user(auditor, "auditor");
            case INTEGRATION -> TestIssuer.user(integration, "integration");
            case ROBOT_OF_THE_SESSION -> TestIssuer.robot(robotOfTheSession);
            case ANOTHER_ROBOT -> TestIssuer.robot(anotherRobot);
            case ADMIN -> adminToken();
            case NO_TOKEN -> null;
            case EXPIRED_TOKEN -> TestIssuer.expired(username, role);
            case TOKEN_FROM_ANOTHER_ISSUER -> TestIssuer.fromAnotherIssuer(username, role);
            case TOKEN_FOR_ANOTHER_AUDIENCE -> TestIssuer.forAnotherAudience(username, role);
            case TAMPERED_TOKEN -> TestIssuer.tampered(username, role);
        };
    }
}
