package org.eecs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eecs.EecsApplication;
import org.eecs.adapter.out.persistence.AuditChainFiller;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.TestIssuer;
import org.eecs.tools.VerifyAuditExport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL itself stopped and started again (the embedded server's process, on the same data directory and port)
 * while the backend works: mid-turn, with the turn held in the language model at the moment of the stop, and
 * mid-export. A server of the test's own, since stopping the tests' shared one would take the other tests' contexts
 * down with it; the backend started as in {@code TwoInstancesTest}, with a short connection timeout and export lease
 * so that the faults play out in seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartTest {

    private static final Instant DAY = Instant.parse("2026-06-01T00:00:00Z");

    private final Path dataDirectory = Path.of("target", "database-restart", UUID.randomUUID().toString());
    private final HeldModel model = new HeldModel();
    private int databasePort;
    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext backend;
    private Api api;
    private String clinician;
    private String auditor;

    @BeforeAll
    void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            databasePort = free.getLocalPort();
        }
        postgres = startPostgres();
        backend = new SpringApplicationBuilder(EecsApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=2000",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.issuerUri(),
                "--eecs.reasoning.llm.provider=openai",
                "--eecs.reasoning.llm.base-url=" + model.baseUrl(),
                "--eecs.reasoning.llm.timeout=60s",
                "--eecs.exports.directory=" + dataDirectory.resolveSibling(dataDirectory.getFileName() + "-exports"),
                "--eecs.exports.lease=5s",
                "--eecs.exports.poll-every=500ms",
                "--spring.jmx.enabled=false");
        api = Api.onPort(((WebServerApplicationContext) backend).getWebServer().getPort());
        clinician = TestIssuer.user("dr-restart-" + UUID.randomUUID().toString().substring(0, 8), "clinician");
        auditor = TestIssuer.user("auditor-restart", "auditor");
    }

    @AfterAll
    void stop() throws IOException {
        if (backend != null) {
            backend.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        model.close();
    }

    @Test
    void aTurnInFlightWhenTheDatabaseStops_is503KeepingNothing_andItsRetryAfterTheRestartIsTakenOnce()
            throws Exception {
        Running robot = running();
        String key = "turn-" + UUID.randomUUID();
        Instant spoken = Instant.now().minusSeconds(3);

        CountDownLatch release = model.holdNext();
        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(
                () -> textTurn(robot, "I keep thinking about the scan results.", key, spoken));
        assertThat(model.reached(Duration.ofSeconds(60))).as("the turn reached the language model").isTrue();
        postgres.close(); // the server process stops, ending every connection
        release.countDown();
        Answer failed = inFlight.get(60, TimeUnit.SECONDS);

        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        assertThat(failed.json().get("type").asString()).isEqualTo("urn:eecs:problem:unavailable");
        assertThat(failed.header("Retry-After")).isNotNull();
        Answer fhir = api.get("/fhir/Patient").token(TestIssuer.user("his-restart", "integration"))
                .header("Accept", "application/fhir+json").send();
        assertThat(fhir.status()).as("hospital IT told the same, as FHIR: " + fhir).isEqualTo(503);
        assertThat(fhir.json().get("issue").get(0).get("code").asString()).isEqualTo("transient");
        assertThat(fhir.header("Retry-After")).isNotNull();

        postgres = startPostgres(); // the same data directory and port
        awaitReconnected(robot);
        assertThat(sequences(robot)).as("nothing of the failed turn was kept").isEmpty();
        // the key's claim could not be released while the database was down: it is given back once it answers,
        // within seconds, not after the five minutes that make a claim count as abandoned
        awaitClaimGivenBack(key);

        Answer taken = textTurn(robot, "I keep thinking about the scan results.", key, spoken);
        Answer replayed = textTurn(robot, "I keep thinking about the scan results.", key, spoken);
        Answer next = textTurn(robot, "Will you stay with me until they call?", null, Instant.now().minusSeconds(2));

        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(taken.json().get("sequence").asInt()).isEqualTo(1);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(next.json().get("sequence").asInt()).isEqualTo(2);
        assertThat(sequences(robot)).as("taken once, no gap, no double").containsExactly(1, 2);
        assertChainIntact();
    }

    @Test
    void anExportRunningWhenTheDatabaseStops_endsVerifiableAfterTheRestart_orFailedSayingWhy_andARerunVerifies()
            throws Exception {
        // enough events that the export is still being written when the database goes
        AuditChainFiller.append(new DriverManagerDataSource(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "postgres"), 60_000, i -> new AuditEvent(new Actor("dr-" + (i % 40), Role.CLINICIAN),
                AuditAction.READ, new EntityRef("CareSession", UUID.nameUUIDFromBytes(Integer.toString(i).getBytes())
                .toString()), null, AuditOutcome.SUCCESS, DAY.plusMillis(i), "10.0.0." + (i % 250), "treatment",
                "req-" + i));
        String request = """
                {"format": "FHIR_BUNDLE", "gzip": true, "from": "%s", "to": "%s"}"""
                .formatted(DAY, DAY.plus(1, ChronoUnit.DAYS));
        Answer asked = api.post("/api/v1/audit/exports").token(auditor).json(request).send();
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        String status = asked.header("Location");
        String seen = awaitState(status, List.of("RUNNING", "COMPLETED", "FAILED"), Duration.ofSeconds(60));
        assertThat(seen).as("the database stopped while the export was being written").isEqualTo("RUNNING");
        postgres.close();
        Thread.sleep(1000); // the worker meets the stopped database
        postgres = startPostgres();

        String ended = awaitState(status, List.of("COMPLETED", "FAILED"), Duration.ofSeconds(120));
        JsonNode export = api.get(status).token(auditor).send().json();
        if (ended.equals("FAILED")) {
            assertThat(export.path("failure").asString()).as(export.toString()).isNotBlank();
            Answer rerun = api.post("/api/v1/audit/exports").token(auditor).json(request).send();
            assertThat(awaitState(rerun.header("Location"), List.of("COMPLETED", "FAILED"), Duration.ofSeconds(120)))
                    .isEqualTo("COMPLETED");
            export = api.get(rerun.header("Location")).token(auditor).send().json();
        }
        assertThat(export.get("written").asLong()).isEqualTo(60_000);
        assertThat(verifiedOffline(export)).startsWith("OK:");
        assertChainIntact();
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(databasePort).start();
    }

    /**
     * The pool reconnects by itself: until it has a connection again (a moment: its attempts back off while the
     * database is down), requests are answered 503 with Retry-After, never anything else.
     */
    private void awaitReconnected(Running robot) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Answer answer = api.get("/api/v1/sessions/" + robot.session() + "/transcript").token(clinician).send();
            if (answer.status() == 200) {
                return;
            }
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotNull();
            assertThat(System.nanoTime()).as("reconnected within a minute").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private void awaitClaimGivenBack(String key) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "postgres");
             PreparedStatement claims = connection.prepareStatement(
                     // the claim's row gone: a key answered (by a turn not kept, or otherwise) would stay
                     "select count(*) from idempotent_request where key = ?")) {
            claims.setString(1, key);
            while (true) {
                try (ResultSet count = claims.executeQuery()) {
                    count.next();
                    if (count.getInt(1) == 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("the claim given back within 20 s of the restart").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private String awaitState(String status, List<String> states, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        String state = null;
        while (System.nanoTime() < deadline) {
            Answer answer = api.get(status).token(auditor).send();
            if (answer.status() == 200) {
                state = answer.json().get("state").asString();
                if (states.contains(state)) {
                    return state;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the export was still " + state + " after " + atMost);
    }

    private String verifiedOffline(JsonNode export) throws Exception {
        Path directory = Files.createTempDirectory("restart-export");
        Path manifest = directory.resolve("manifest.json");
        Files.write(manifest, download(export.get("manifest").asString()));
        Path file = directory.resolve("export");
        Files.write(file, download(export.get("file").asString()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        VerifyAuditExport.run(new String[] {manifest.toString(), file.toString()}, new PrintStream(printed));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private byte[] download(String path) {
        HttpResponse<byte[]> response = api.get(path).token(auditor).sendForBytes();
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private record Running(String token, String session) {
    }

    /** A new robot and a consenting patient (the language model included) in a session that has started. */
    private Running running() {
        String admin = TestIssuer.user("admin-restart", "admin");
        String robot = "robot-" + UUID.randomUUID().toString().substring(0, 8);
        ok(api.post("/api/v1/robots").token(admin).json("""
                {"id": "%s", "name": "Ward robot", "model": "humanoid-h1", "profileReference": "profiles/h1.yaml"}"""
                .formatted(robot)).send(), 201);
        String patient = ok(api.post("/api/v1/patients").token(clinician).json("""
                {"alias": "Restart-%s", "birthYear": 1948, "gender": "UNDISCLOSED", "preferredLanguage": "en"}"""
                .formatted(robot)).send(), 201).json().get("id").asString();
        ok(api.post("/api/v1/patients/" + patient + "/consents").token(clinician).json("""
                {"scopes": ["AUDIO_CAPTURE", "EMOTION_ANALYSIS", "EXTERNAL_LLM_PROCESSING"]}""").send(), 201);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String session = ok(api.post("/api/v1/sessions").token(clinician).json("""
                {"patientId": "%s", "robotId": "%s", "start": "%s", "end": "%s", "careGoal": "company",
                 "emotionInput": true}""".formatted(patient, robot, start, start.plus(1, ChronoUnit.HOURS))).send(), 201)
                .json().get("id").asString();
        ok(api.post("/api/v1/sessions/" + session + "/start").token(clinician).send(), 200);
        return new Running(TestIssuer.robot(robot), session);
    }

    private Answer textTurn(Running robot, String words, String key, Instant start) {
        Api.Call call = api.post("/api/v1/robot/sessions/" + robot.session() + "/text-turns").token(robot.token())
                .json("""
                        {"text": "%s", "startedAt": "%s", "endedAt": "%s"}""".formatted(words, start,
                        start.plusSeconds(2)));
        return key == null ? call.send() : call.header("Idempotency-Key", key).send();
    }

    private List<Integer> sequences(Running robot) {
        JsonNode transcript = ok(api.get("/api/v1/sessions/" + robot.session() + "/transcript").token(clinician)
                .send(), 200).json();
        List<Integer> sequences = new ArrayList<>();
        transcript.get("turns").forEach(turn -> sequences.add(turn.get("sequence").asInt()));
        return sequences;
    }

    /** The real verifier, over the whole chain of this database. */
    private void assertChainIntact() {
        Instant now = Instant.now();
        Answer verified = ok(api.post("/api/v1/audit/verifications").token(auditor).json("""
                {"from": "%s", "to": "%s"}""".formatted(DAY.minus(1, ChronoUnit.DAYS), now.plusSeconds(60))).send(),
                200);
        assertThat(verified.json().get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.json().get("eventsChecked").asLong()).isPositive();
    }

    private static Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    /**
     * A language model (OpenAI chat completions) in the test JVM that answers well, except that the request after
     * {@link #holdNext()} waits until the test lets it go: the turn is then in flight, between its opening and its
     * record.
     */
    private static final class HeldModel implements AutoCloseable {

        private final HttpServer server;
        private volatile CountDownLatch gate;
        private volatile CountDownLatch arrived = new CountDownLatch(1);

        HeldModel() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/v1/chat/completions", this::answer);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        CountDownLatch holdNext() {
            arrived = new CountDownLatch(1);
            gate = new CountDownLatch(1);
            return gate;
        }

        boolean reached(Duration atMost) throws InterruptedException {
            return arrived.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                CountDownLatch held = gate;
                gate = null;
                arrived.countDown();
                if (held != null) {
                    held.await(60, TimeUnit.SECONDS);
                }
                byte[] body = """
                        {"id": "chatcmpl-restart", "object": "chat.completion", "model": "Qwen/Qwen2.5-14B-Instruct",
                         "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content":
                         "{\\"text\\": \\"I am here with you while you wait.\\", \\"tone\\": \\"encouraging\\", \\"face\\": \\"smile\\", \\"motion\\": \\"lean forward and nod\\"}"}}]}"""
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
