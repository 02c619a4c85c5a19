package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.textTurn;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eecs.adapter.in.web.WebFixtures.Running;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile input over real HTTP: SQL in every filter and search parameter, FHIR search modifiers, path traversal in
 * ids and file names, deeply nested, oversized and odd JSON, text that PostgreSQL cannot store. Each is refused with
 * a clear 4xx (a problem, or an OperationOutcome under /fhir) or matches nothing; none is a 500, and the records stand.
 * (CSV formula injection in the audit export: {@code AuditorApiTest}; slow uploads: {@code SlowClientsTest}.)
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /** What an attacker types into a filter. */
    private static final List<String> SQL = List.of("' or '1'='1", "x'; drop table patient; --",
            "1 union select actor_id from audit_event --", "%", "_", "\\", "'||pg_sleep(5)||'", "$$;select 1;$$",
            "00000000-0000-0000-0000-000000000000' or 1=1 --", "*/ select /*");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Api api;
    WebFixtures fixtures;
    String clinician;
    Running running;

    @BeforeAll
    void setUp() {
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        clinician = clinicianToken(unique("dr-hostile"));
        running = fixtures.running(clinician);
    }

    @Test
    void sqlInEveryFilterAndSearchParameter_isRefusedOrMatchesNothing_andTheTablesStand() {
        long patients = count("patient");
        long events = count("audit_event");
        String auditor = TestIssuer.user(unique("auditor"), "auditor");
        String integration = TestIssuer.user(unique("his"), "integration");
        for (String attack : SQL) {
            String p = URLEncoder.encode(attack, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/patients?alias=" + p, "/api/v1/patients?ageGroup=" + p,
                    "/api/v1/patients?careTeamMember=" + p, "/api/v1/patients?page=" + p + "&size=" + p,
                    "/api/v1/sessions?day=" + p, "/api/v1/sessions?clinician=" + p, "/api/v1/sessions?patient=" + p,
                    "/api/v1/sessions?state=" + p, "/api/v1/escalations?state=" + p,
                    "/api/v1/sessions/" + running.session() + "/escalations?state=" + p)) {
                Answer answer = api.get(path).token(clinician).send();
                refusedOrEmpty(path, answer);
            }
            for (String field : List.of("actor", "role", "patient", "action", "outcome", "requestId", "entityType",
                    "entityId", "after", "size", "order", "from", "to")) {
                String path = "/api/v1/audit/events?" + field + "=" + p;
                refusedOrEmpty(path, api.get(path).token(auditor).send());
            }
            for (String search : List.of("Patient?_id=", "Patient?identifier=", "Patient?identifier=urn:x%7C",
                    "Patient?_lastUpdated=", "Patient?_count=", "Patient?_sort=", "Encounter?status=",
                    "Encounter?date=", "Encounter?patient=", "Observation?code=", "Observation?category=",
                    "Observation?encounter=", "Observation?subject=Patient/", "Consent?status=", "Device?_id=")) {
                String path = "/fhir/" + search + p;
                Answer answer = api.get(path).token(integration).send();
                assertThat(answer.status()).as(path + " " + answer).isIn(200, 400);
                assertThat(answer.json().get("resourceType").asString()).as(path)
                        .isEqualTo(answer.status() == 200 ? "Bundle" : "OperationOutcome");
                if (answer.status() == 200) {
                    assertThat(answer.json().path("total").asInt(0)).as(path).isZero();
                }
            }
        }
        assertThat(count("patient")).isGreaterThanOrEqualTo(patients);
        assertThat(count("audit_event")).isGreaterThan(events);
        Instant now = Instant.now();
        Answer verified = api.post("/api/v1/audit/verifications").token(auditor).json("""
                {"from": "%s", "to": "%s"}""".formatted(now.minusSeconds(3600), now.plusSeconds(60))).send();
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void fhirSearchModifiers_thatAreNotOffered_areAnOperationOutcome_neverA500() {
        String integration = TestIssuer.user(unique("his"), "integration");
        for (String search : List.of("Patient?name:contains=Ann", "Patient?_id:not=x", "Patient?identifier:missing=true",
                "Patient?identifier:of-type=x%7Cy%7Cz", "Patient?identifier:text=x", "Encounter?patient:Patient=x",
                "Encounter?subject:Device=x", "Observation?code:below=x", "Observation?code:in=http://x",
                "Encounter?date=xx2026", "Encounter?date=ge2026-13-45", "Encounter?date=ge", "Encounter?date=eq", "Patient?_lastUpdated=lt", "Encounter?date=sa%00",
                "Patient?_lastUpdated=eb2026-01-01", "Patient?_count=-1", "Patient?_count=99999999999",
                "Patient?_sort=-_lastUpdated,_id", "Patient?_include=*", "Patient?_include=Patient:link:Patient",
                "Observation?_has:Encounter:patient:status=x", "Patient?_filter=name%20eq%20x", "Patient?_query=x",
                "Patient?_format=xml", "Patient?_elements=%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "Patient?:=x",
                "Patient?=x", "Patient?&=&&x", "Patient?_id=" + "a,".repeat(3000))) {
            Answer answer = api.get("/fhir/" + search).token(integration).send();
            assertThat(answer.status()).as(search + " " + answer).isBetween(200, 499);
            assertThat(answer.contentType()).as(search + " " + answer).startsWith("application/fhir+json");
            assertThat(answer.json().get("resourceType").asString()).as(search)
                    .isIn("Bundle", "OperationOutcome");
        }
    }

    @Test
    void aRequestLineOverTheContainersLimit_isRefusedBeforeAnyHandler() {
        // Tomcat's own 400 page (the request never reaches the application): 8 KiB of request line and headers
        Answer answer = api.get("/fhir/Patient?_id=" + "a,".repeat(5000)).token(clinician).send();
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void aQueryStringThatIsNotNameValuePairs_isAMalformedRequest() {
        Answer answer = api.get("/api/v1/patients?=x&alias").token(clinician).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:eecs:problem:malformed-request");
    }

    @Test
    void pathTraversalInIdsAndFileNames_findsNothing() {
        String auditor = TestIssuer.user(unique("auditor"), "auditor");
        String integration = TestIssuer.user(unique("his"), "integration");
        for (String path : List.of("/api/v1/audit/exports/..%2F..%2Fetc%2Fpasswd/file",
                "/api/v1/audit/exports/%2e%2e/file", "/api/v1/audit/exports/" + UUID.randomUUID() + "/file",
                "/api/v1/audit/exports/" + UUID.randomUUID() + "/manifest",
                "/api/v1/audit/exports/..;/..;/file", "/api/v1/audit/exports/%252e%252e%252fpasswd/file")) {
            Answer answer = api.get(path).token(auditor).send();
            assertThat(answer.status()).as(path + " " + answer).isBetween(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("root:");
        }
        String file = finishedFhirExport(integration);
        String job = file.substring(0, file.lastIndexOf('/'));
        for (String name : List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..%5C..%5Cwindows",
                "%2e%2e%2f" + UUID.randomUUID() + "%2fDevice.ndjson", "Device.ndjson%00.txt", "..", ".",
                "%252e%252e%252fDevice.ndjson", "Device.ndjson%2F..%2F..%2F..%2Fpom.xml")) {
            String path = job + "/" + name;
            Answer answer = api.get(path).token(integration).send();
            assertThat(answer.status()).as(path + " " + answer).isBetween(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("root:", "<project");
        }
        assertThat(api.get(file).token(integration).send().status())
                .as("the real file is still served").isEqualTo(200);
        for (String path : List.of("/fhir/Patient/..%2F..%2Fetc%2Fpasswd", "/fhir/Patient/%2e%2e",
                "/fhir/..%2FPatient", "/api/v1/patients/..%2F..%2Fsessions", "/api/v1/sessions/%2e%2e%2f",
                "/api/v1/robot/sessions/..%2F" + running.session() + "/text-turns")) {
            Answer answer = api.get(path).token(clinician).send();
            assertThat(answer.status()).as(path + " " + answer).isBetween(400, 404);
        }
    }

    @Test
    void deeplyNestedOrOddJson_isAMalformedRequest_withoutExhaustingTheServer() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        for (String body : List.of("{\"alias\": " + deep + "}", "{\"alias\": \"x\", \"preferences\": " + deep + "}",
                "{\"alias\": \"x\", \"birthYear\": 1" + "0".repeat(5_000) + "}",
                "{\"alias\": \"x\", \"birthYear\": 1e999999999}", "{\"alias\": \"" + "\\ud800" + "\"}",
                "{\"alias\": \"x\"} {\"alias\": \"y\"}", "{\"alias\": \"x\", \"alias\": \"y\"}", "\uFEFF{}",
                "[" + "{},".repeat(10_000) + "{}]")) {
            Answer answer = api.post("/api/v1/patients").token(clinician).json(body).send();
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            assertThat(answer.json().get("type").asString()).startsWith("urn:eecs:problem:");
        }
        Answer fhir = api.post("/fhir/Patient").token(TestIssuer.user(unique("his"), "integration"))
                .body(("{\"resourceType\": \"Patient\", \"extension\": " + deep + "}").getBytes(StandardCharsets.UTF_8),
                        "application/fhir+json").send();
        assertThat(fhir.status()).as(fhir.toString()).isBetween(400, 499);
        assertThat(fhir.json().get("resourceType").asString()).isEqualTo("OperationOutcome");
        Answer turn = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json("{\"text\": " + deep + "}").send();
        assertThat(turn.status()).as(turn.toString()).isBetween(400, 499);
    }

    @Test
    void anOversizedBody_isTooLarge_onEveryApi() {
        byte[] big = ("{\"text\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // the robot API takes turns of up to 16 MiB (audio and frames), a text turn too
        byte[] huge = ("{\"text\": \"" + "a".repeat(17 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        Answer turn = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .body(huge, "application/json").send();
        assertThat(turn.status()).as(turn.toString()).isEqualTo(413);
        Answer fhir = api.post("/fhir/Patient").token(TestIssuer.user(unique("his"), "integration"))
                .body(big, "application/fhir+json").send();
        assertThat(fhir.status()).as(fhir.toString()).isEqualTo(413);
        assertThat(fhir.json().get("resourceType").asString()).isEqualTo("OperationOutcome");
    }

    @Test
    void textPostgresCannotStore_isAnInvalidValue_notAServerError() {
        Answer patient = api.post("/api/v1/patients").token(clinician).json("""
                {"alias": "Ann\\u0000e", "birthYear": 1950, "gender": "FEMALE", "preferredLanguage": "en"}""").send();
        assertThat(patient.status()).as(patient.toString()).isBetween(400, 499);
        Answer note = api.post("/api/v1/sessions/" + running.session() + "/notes").token(clinician)
                .json("{\"text\": \"calm\\u0000er\"}").send();
        assertThat(note.status()).as(note.toString()).isBetween(400, 499);
        Answer turn = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("I feel \\u0000 nothing")).send();
        assertThat(turn.status()).as(turn.toString()).isBetween(200, 499);
    }

    private void refusedOrEmpty(String path, Answer answer) {
        assertThat(answer.status()).as(path + " " + answer).isIn(200, 400, 404);
        if (answer.status() == 200) {
            assertThat(answer.json().path("items").size()).as(path + " matches nothing: " + answer).isZero();
        } else {
            assertThat(answer.json().get("type").asString()).as(path).startsWith("urn:eecs:problem:");
        }
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** A finished system-level export of robots (Device): the path of its file. */
    private String finishedFhirExport(String token) {
        Answer accepted = api.get("/fhir/$export?_type=Device").token(token).header("Prefer", "respond-async").send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String status = accepted.header("Content-Location");
        String path = status.substring(status.indexOf("/fhir/"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Answer manifest = api.get(path).token(token).send();
            if (manifest.status() == 200) {
                String url = manifest.json().get("output").get(0).get("url").asString();
                return url.substring(url.indexOf("/fhir/"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the export did not finish in time");
    }
}
