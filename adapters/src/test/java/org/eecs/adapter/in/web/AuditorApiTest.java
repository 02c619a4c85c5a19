package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.auditedFor;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eecs.adapter.in.web.WebFixtures.Audited;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.tools.VerifyAuditExport;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.FhirValidation;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an auditor can do over the API: search the trail, verify it, export it (NDJSON, CSV, a FHIR Bundle, gzip)
 * with a manifest, and export a session's interaction log for an investigation. Every look is audited; clinicians
 * are refused.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired AuditTrail auditTrail;
    @Autowired RespondingToPatients reasoning;
    @Autowired Transactions transactions;
    Api api;
    WebFixtures fixtures;

    String auditor;
    String auditorToken;
    String clinicianToken;
    String patient;
    String session;
    /** The request id of the clinician's look at the patient. */
    String lookedAt;
    /** When the records were being made: a time range to export. */
    Instant started;
    Instant made;

    @BeforeAll
    void makeTheRecords() {
        started = Instant.now();
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        auditor = unique("auditor");
        auditorToken = TestIssuer.user(auditor, "auditor");
        clinicianToken = clinicianToken(unique("dr-audited"));
        patient = fixtures.registerPatient(clinicianToken, "Audited");
        fixtures.grantConsent(clinicianToken, patient);
        String robot = fixtures.registerRobot();
        session = fixtures.schedule(clinicianToken, patient, robot);
        fixtures.start(clinicianToken, session);
        Crises.raise(reasoning, robot, session, "I want to kill myself.");
        lookedAt = WebFixtures.requestId();
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/patients/" + patient).token(clinicianToken).header("X-Request-Id", lookedAt)
                    .send().status()).isEqualTo(200);
        }
        made = Instant.now().plusMillis(1);
    }

    @Test
    void anAuditorFindsTheEventsOfARequest_andTheSearchIsItselfAudited() {
        String search = WebFixtures.requestId();

        Answer found = api.get("/api/v1/audit/events?requestId=" + lookedAt).token(auditorToken)
                .header("X-Request-Id", search).send();

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<JsonNode> items = found.json().get("items").valueStream().toList();
        assertThat(items).hasSize(3).allSatisfy(item -> {
            assertThat(item.get("requestId").asString()).isEqualTo(lookedAt);
            assertThat(item.get("patient").asString()).isEqualTo(patient);
            assertThat(item.get("hash").asString()).hasSize(64);
        });
        assertThat(found.json().get("next").isNull()).isTrue();
        assertThat(auditedFor(jdbc, search)).containsExactly(new Audited(auditor, "AUDITOR", "READ", "AuditTrail",
                "requestId=" + lookedAt, null, "SUCCESS", "127.0.0.1"));
    }

    @Test
    void pagesFollowTheNextLinkUntilTheLastOne() {
        Answer first = api.get("/api/v1/audit/events?patient=" + patient + "&size=2").token(auditorToken).send();
        String next = first.json().get("next").asString();
        Answer second = api.get(next).token(auditorToken).send();

        assertThat(first.json().get("items").size()).isEqualTo(2);
        assertThat(second.json().get("items").get(0).get("sequence").asLong())
                .isGreaterThan(first.json().get("items").get(1).get("sequence").asLong());
    }

    @Test
    void aClinicianMayNotReadTheAuditTrail() {
        Answer refused = api.get("/api/v1/audit/events").token(clinicianToken).send();

        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void aBadCriterionIsA400() {
        assertThat(api.get("/api/v1/audit/events?role=PIRATE").token(auditorToken).send().status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit/events?size=0").token(auditorToken).send().status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit/events?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z")
                .token(auditorToken).send().status()).isEqualTo(400);
    }

    @Test
    void aVerificationOfTheLastHourReportsAnIntactChain() {
        Instant now = Instant.now();
        Answer verified = api.post("/api/v1/audit/verifications").token(auditorToken).json("""
                {"from": "%s", "to": "%s"}""".formatted(now.minusSeconds(3600), now.plusSeconds(60))).send();

        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("intact").asBoolean()).isTrue();
        assertThat(verified.json().get("eventsChecked").asLong()).isPositive();
    }

    @Test
    void anNdjsonExportRunsInTheBackground_andItsFileMatchesItsManifest() throws Exception {
        Answer asked = api.post("/api/v1/audit/exports").token(auditorToken)
                .json("{\"format\": \"NDJSON\", \"requestId\": \"%s\"}".formatted(lookedAt)).send();

        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        assertThat(asked.header("Location")).endsWith("/api/v1/audit/exports/" + asked.json().get("id").asString());
        JsonNode done = finished(asked.header("Location"));
        byte[] file = download(done.get("file").asString());
        JsonNode manifest = JSON.readTree(download(done.get("manifest").asString()));
        List<String> lines = new String(file, StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.getFirst()).get("requestId").asString()).isEqualTo(lookedAt);
        assertThat(manifest.get("sha256").asString()).isEqualTo(sha256(file));
        assertThat(manifest.get("bytes").asLong()).isEqualTo(file.length);
        assertThat(manifest.get("events").asLong()).isEqualTo(3);
        assertThat(manifest.get("lastHash").asString()).isEqualTo(JSON.readTree(lines.get(2)).get("hash").asString());
        assertThat(manifest.get("chain").get("intact").asBoolean()).isTrue();
        assertThat(done.get("written").asLong()).isEqualTo(3);
        assertThat(verifiedOffline(done, file)).startsWith("OK:");
    }

    @Test
    void hostileTextInACsvExportIsQuotedAndDisarmed_andReadsBackExactly() throws Exception {
        String request = WebFixtures.requestId();
        List<String> hostile = List.of("=HYPERLINK(\"http://evil.example\";\"click\")", "+CMD|' /C calc'!A0",
                "-2+3", "@SUM(A1:A9)", "\tindented", "\rreturned", "'quoted already", "comma, \"quote\" and\nline",
                "plain");
        transactions.inOne(() -> {
            for (String text : hostile) {
                auditTrail.append(new AuditEvent(new Actor(text.isBlank() ? "x" : text, Role.CLINICIAN),
                        AuditAction.READ, new EntityRef("Patient", text), null, AuditOutcome.SUCCESS, Instant.now(),
                        text, text, request));
            }
            return null;
        });

        JsonNode done = finished(api.post("/api/v1/audit/exports").token(auditorToken)
                .json("{\"format\": \"CSV\", \"requestId\": \"%s\"}".formatted(request)).send()
                .header("Location"));
        byte[] file = download(done.get("file").asString());
        String csv = new String(file, StandardCharsets.UTF_8);

        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"click\"\")\"", "\"'+CMD|' /C calc'!A0\"",
                "\"'-2+3\"", "\"'@SUM(A1:A9)\"", "\"'\tindented\"", "\"'\rreturned\"", "\"''quoted already\"",
                "\"comma, \"\"quote\"\" and\nline\"", ",plain,");
        for (String line : csv.split("\r\n")) {
            for (String cell : line.split(",")) {
                assertThat(cell).as("a cell of " + line).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("@");
            }
        }
        assertThat(verifiedOffline(done, file)).as("every hash recomputed from the CSV cells").startsWith("OK:");
    }

    @Test
    void theOfflineVerifierCatchesAnExportChangedAfterwards() throws Exception {
        JsonNode done = finished(api.post("/api/v1/audit/exports").token(auditorToken)
                .json("{\"requestId\": \"%s\"}".formatted(lookedAt)).send().header("Location"));
        byte[] file = download(done.get("file").asString());
        byte[] changed = new String(file, StandardCharsets.UTF_8).replace("\"READ\"", "\"UPDATE\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(verifiedOffline(done, changed)).contains("FAILED: SHA-256", "ALTERED");
    }

    @Test
    void aGzippedCsvExportHoldsAHeaderAndOneRowAnEvent() throws Exception {
        Answer asked = api.post("/api/v1/audit/exports").token(auditorToken)
                .json("{\"format\": \"CSV\", \"gzip\": true, \"requestId\": \"%s\"}".formatted(lookedAt)).send();

        byte[] file = download(finished(asked.header("Location")).get("file").asString());
        String csv = new String(new GZIPInputStream(new ByteArrayInputStream(file)).readAllBytes(),
                StandardCharsets.UTF_8);

        assertThat(csv.split("\r\n")).hasSize(4);
        assertThat(csv).startsWith("sequence,occurredAt,actorId,actorRole,action,entityType,entityId,patient,");
    }

    @Test
    void aTimeRangeExportedAsAFhirBundle_isValidR4_andVerifiesOffline_andAChangeIsCaught() throws Exception {
        Answer asked = api.post("/api/v1/audit/exports").token(auditorToken).json("""
                {"format": "FHIR_BUNDLE", "gzip": true, "from": "%s", "to": "%s"}""".formatted(started, made))
                .send();

        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        JsonNode done = finished(asked.header("Location"));
        byte[] file = download(done.get("file").asString());
        String json = new String(new GZIPInputStream(new ByteArrayInputStream(file)).readAllBytes(),
                StandardCharsets.UTF_8);
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).hasSize(done.get("summary").get("events").asInt())
                .hasSize(done.get("written").asInt())
                .allSatisfy(entry -> assertThat(entry.getResource()).isInstanceOf(
                        org.hl7.fhir.r4.model.AuditEvent.class));
        assertThat(bundle.getEntry()).filteredOn(entry -> ((org.hl7.fhir.r4.model.AuditEvent) entry.getResource()).getEntity().stream()
                        .anyMatch(entity -> lookedAt.equals(entity.getWhat().getIdentifier().getValue())))
                .hasSize(3).allSatisfy(entry -> assertThat(((org.hl7.fhir.r4.model.AuditEvent) entry.getResource())
                        .getEntity()).anySatisfy(entity -> assertThat(entity.getWhat().getReference())
                        .isEqualTo("Patient/" + patient)));
        assertThat(FhirValidation.errorsIn(bundle)).isEmpty();
        assertThat(done.get("summary").get("linksChecked").asBoolean()).isTrue();
        assertThat(verifiedOffline(done, file)).startsWith("OK:").contains("every link checked");

        byte[] changed = gzip(json.replace("\"code\":\"clinician\"", "\"code\":\"admin\""));
        assertThat(verifiedOffline(done, changed)).contains("FAILED: SHA-256", "ALTERED");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aSessionsInteractionLogNeedsAPurpose_andIsAuditedWithIt() throws Exception {
        String request = WebFixtures.requestId();
        Answer withoutPurpose = api.post("/api/v1/audit/sessions/" + session + "/interaction-log")
                .token(auditorToken).json("{\"purpose\": \" \"}").send();
        Answer asked = api.post("/api/v1/audit/sessions/" + session + "/interaction-log").token(auditorToken)
                .header("X-Request-Id", request).json("{\"purpose\": \"complaint 2026-114\"}").send();

        assertThat(withoutPurpose.status()).isEqualTo(400);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        List<JsonNode> records = new String(download(finished(asked.header("Location")).get("file").asString()),
                StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
        assertThat(records.getFirst().get("record").asString()).isEqualTo("session");
        assertThat(records.getFirst().get("patient").asString()).isEqualTo(patient);
        assertThat(records).anySatisfy(r -> assertThat(r.get("record").asString()).isEqualTo("consent"));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("record").asString()).isEqualTo("escalation");
            assertThat(r.get("category").asString()).isEqualTo("SUICIDE");
            assertThat(r.get("utterance").asString()).isEqualTo("I want to kill myself.");
        });
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get("record").asString()).isEqualTo("auditEvent");
            assertThat(r.get("action").asString()).isEqualTo("UPDATE");
        });
        assertThat(jdbc.sql("select purpose from audit_event where request_id = ? and entity_type = 'InteractionLog'")
                .param(request).query(String.class).single()).isEqualTo("complaint 2026-114");
    }

    @Test
    void anUnknownExportIs404() {
        assertThat(api.get("/api/v1/audit/exports/" + java.util.UUID.randomUUID()).token(auditorToken).send()
                .status()).isEqualTo(404);
    }

    private JsonNode finished(String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Answer answer = api.get(status).token(auditorToken).send();
            String state = answer.json().get("state").asString();
            if (state.equals("COMPLETED")) {
                return answer.json();
            }
            assertThat(state).as(answer.toString()).isIn("QUEUED", "RUNNING");
            Thread.sleep(100);
        }
        throw new AssertionError("the export did not finish within a minute");
    }

    private byte[] download(String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Authorization", "Bearer " + auditorToken).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            return response.body();
        }
    }

    /** What the offline verifier (module tools) says of the file against the export's manifest. */
    private String verifiedOffline(JsonNode export, byte[] file) throws Exception {
        Path directory = Files.createTempDirectory("export");
        Path manifest = directory.resolve("manifest.json");
        Files.write(manifest, download(export.get("manifest").asString()));
        Path copy = directory.resolve("export");
        Files.write(copy, file);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        VerifyAuditExport.run(new String[] {manifest.toString(), copy.toString()}, new PrintStream(printed));
        return printed.toString(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
