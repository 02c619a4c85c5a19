package org.eecs.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.EecsApplication;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.BackendMessages;
import org.eecs.testing.TestDatabase;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two backend instances on one PostgreSQL, as behind a load balancer: two Spring contexts on their own ports, one
 * database of their own (so the audit chain is theirs alone). Robots spread over both; a retried turn with the same
 * Idempotency-Key is taken once whichever instance gets the retry; one session driven from both at once gets turns
 * numbered one after the other, none lost; a clinician watching live on one instance sees the turns the other records;
 * and the audit chain that both wrote is one, unbroken; an instance shut down mid-turn gives the turn's key back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTest {

    private final String database = "eecs_two_" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger nextSlot = new AtomicInteger(1);
    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private Api a;
    private Api b;
    private String clinician;

    @BeforeAll
    void startTwoInstances() throws SQLException {
        TestDatabase.Server server = TestDatabase.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        first = start(server);
        second = start(server); // one after the other: Flyway migrates once, the second finds the schema current
        a = Api.onPort(port(first));
        b = Api.onPort(port(second));
        clinician = TestIssuer.user("dr-two-" + UUID.randomUUID().toString().substring(0, 8), "clinician");
    }

    @AfterAll
    void stop() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void robotsSpreadOverBothInstances_andTheAuditChainTheyWroteIsOne() {
        List<Running> robots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            robots.add(running(i % 2 == 0 ? a : b));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < robots.size(); i++) {
                Api instance = (i + round) % 2 == 0 ? a : b; // each robot's calls land on both, by turns
                Answer turn = textTurn(instance, robots.get(i), "Round " + round + ", I feel a little tired.", null);
                assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
                assertThat(turn.json().get("sequence").asInt()).isEqualTo(round + 1);
            }
        }
        for (Running robot : robots) {
            assertThat(sequences(robot)).containsExactly(1, 2, 3);
        }
        assertChainIntact();
    }

    @Test
    void aTurnRetriedOnTheOtherInstanceWithItsKey_isTakenOnce() {
        Running robot = running(a);
        String key = "turn-" + UUID.randomUUID();

        Instant spoken = Instant.now().minusSeconds(3);
        Answer taken = textTurn(a, robot, "I could not sleep last night.", key, spoken);
        Answer retried = textTurn(b, robot, "I could not sleep last night.", key, spoken);

        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.json().get("turnId").asString()).isEqualTo(taken.json().get("turnId").asString());
        assertThat(sequences(robot)).containsExactly(1);
        Answer reused = textTurn(b, robot, "Something else entirely.", key, spoken);
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
    }

    @Test
    void oneSessionDrivenFromBothInstancesAtOnce_getsItsTurnsNumberedOneAfterTheOther() {
        Running robot = running(a);
        List<CompletableFuture<Answer>> turns = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Api instance = i % 2 == 0 ? a : b;
            String words = "Turn " + i + ": it is hard to wait for the results.";
            turns.add(CompletableFuture.supplyAsync(() -> textTurn(instance, robot, words, "k-" + UUID.randomUUID())));
        }
        Set<Integer> numbers = new TreeSet<>();
        for (CompletableFuture<Answer> turn : turns) {
            Answer answer = turn.join();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            numbers.add(answer.json().get("sequence").asInt());
        }
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(sequences(robot)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertChainIntact();
    }

    @Test
    void aClinicianWatchingLiveOnOneInstance_seesTheTurnsTheOtherRecords() {
        Running robot = running(a);
        Answer before = textTurn(a, robot, "Good morning.", null);
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Void>> live = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port(first) + "/api/v1/sessions/" + robot.session() + "/live"))
                        .header("Authorization", "Bearer " + clinician).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(seen)));
        // the turns so far are sent once the clinician is watching
        waitUntil(() -> seen.contains("id:" + before.json().get("turnId").asString()), Duration.ofSeconds(30));

        Answer turn = textTurn(b, robot, "My daughter is coming to visit tomorrow.", null);
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
        String id = turn.json().get("turnId").asString();

        waitUntil(() -> seen.contains("id:" + id), Duration.ofSeconds(30));
        assertThat(seen).as("the turn recorded on the other instance, once").filteredOn(line -> line.equals("id:" + id))
                .hasSize(1);
        live.cancel(true);
        http.close();
    }

    /**
     * The last test: it shuts the second instance down. A robot streaming a turn to it is told the service restarts
     * (1012), and the turn's key is given back before the database goes, so the robot's turn streamed again on the
     * other instance under the same key starts at once (it waited 5 minutes for the claim to count as abandoned).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void anInstanceShutDownMidStreamedTurn_givesItsKeyBack_soTheRobotStreamsItAgainOnTheOtherAtOnce()
            throws Exception {
        Running robot = running(a);
        String key = "stream-" + UUID.randomUUID();
        StreamingRobot onSecond = StreamingRobot.connect(port(second), robot);
        onSecond.start(key);
        assertThat(onSecond.next()).contains("\"type\":\"started\"");

        second.close();
        second = null;

        assertThat(onSecond.closed.get(60, java.util.concurrent.TimeUnit.SECONDS)).as("service restart")
                .isEqualTo(1012);
        StreamingRobot onFirst = StreamingRobot.connect(port(first), robot);
        onFirst.start(key);
        assertThat(onFirst.next()).as("the key was given back").contains("\"type\":\"started\"");
        onFirst.abandon();
        assertThat(ok(a.get("/api/v1/sessions/" + robot.session() + "/transcript").token(clinician).send(), 200)
                .json().get("turns")).as("no turn was taken").isEmpty();
        assertChainIntact();
    }

    /** A robot's end of a streamed turn's WebSocket. */
    private static final class StreamingRobot extends BackendMessages {
        private java.net.http.WebSocket socket;

        static StreamingRobot connect(int port, Running robot) {
            StreamingRobot listener = new StreamingRobot();
            listener.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + robot.token()).connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/robot/sessions/" + robot.session()
                            + "/turn-stream"), listener).join();
            return listener;
        }

        void start(String key) {
            socket.sendText("{\"type\": \"start\", \"key\": \"" + key + "\", \"startedAt\": \""
                    + Instant.now().minusSeconds(1) + "\"}", true).join();
        }

        void abandon() {
            socket.sendText("{\"type\": \"abandon\"}", true).join();
        }

        String next() throws InterruptedException {
            return next(Duration.ofMinutes(1));
        }
    }

    /** An instance; its settings as arguments, which outrank application.yaml. */
    private ConfigurableApplicationContext start(TestDatabase.Server server) {
        return new SpringApplicationBuilder(EecsApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + server.jdbcUrlOf(database),
                "--spring.datasource.username=" + server.username(),
                "--spring.datasource.password=" + server.password(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.issuerUri(),
                // storage both share, as a hospital's replicas share a volume
                "--eecs.exports.directory=target/two-instances/exports",
                "--spring.jmx.enabled=false");
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private record Running(String robot, String token, String session) {
    }

    /** A new robot, patient (consenting), and session started, all through the given instance. */
    private Running running(Api instance) {
        String admin = TestIssuer.user("admin-two", "admin");
        String robot = "robot-" + UUID.randomUUID().toString().substring(0, 8);
        ok(instance.post("/api/v1/robots").token(admin).json("""
                {"id": "%s", "name": "Ward robot", "model": "humanoid-h1", "profileReference": "profiles/h1.yaml"}"""
                .formatted(robot)).send(), 201);
        String patient = ok(instance.post("/api/v1/patients").token(clinician).json("""
                {"alias": "Two-%s", "birthYear": 1950, "gender": "UNDISCLOSED", "preferredLanguage": "en"}"""
                .formatted(robot)).send(), 201).json().get("id").asString();
        ok(instance.post("/api/v1/patients/" + patient + "/consents").token(clinician)
                .json("{\"scopes\": [\"AUDIO_CAPTURE\", \"EMOTION_ANALYSIS\"]}").send(), 201);
        Instant start = Instant.now().plus(nextSlot.getAndIncrement() * 2L, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String session = ok(instance.post("/api/v1/sessions").token(clinician).json("""
                {"patientId": "%s", "robotId": "%s", "start": "%s", "end": "%s", "careGoal": "company",
                 "emotionInput": true}""".formatted(patient, robot, start, start.plus(1, ChronoUnit.HOURS))).send(), 201)
                .json().get("id").asString();
        ok(instance.post("/api/v1/sessions/" + session + "/start").token(clinician).send(), 200);
        return new Running(robot, TestIssuer.robot(robot), session);
    }

    private static Answer textTurn(Api instance, Running robot, String words, String key) {
        return textTurn(instance, robot, words, key, Instant.now().minusSeconds(3));
    }

    /** A text turn the patient started speaking at {@code start}; a retry must send the very same body. */
    private static Answer textTurn(Api instance, Running robot, String words, String key, Instant start) {
        Api.Call call = instance.post("/api/v1/robot/sessions/" + robot.session() + "/text-turns").token(robot.token())
                .json("""
                        {"text": "%s", "startedAt": "%s", "endedAt": "%s"}""".formatted(words, start,
                        start.plusSeconds(2)));
        return key == null ? call.send() : call.header("Idempotency-Key", key).send();
    }

    private List<Integer> sequences(Running robot) {
        JsonNode transcript = ok(b.get("/api/v1/sessions/" + robot.session() + "/transcript").token(clinician).send(),
                200).json();
        List<Integer> sequences = new ArrayList<>();
        transcript.get("turns").forEach(turn -> sequences.add(turn.get("sequence").asInt()));
        return sequences;
    }

    private void assertChainIntact() {
        Instant now = Instant.now();
        Answer verified = ok(a.post("/api/v1/audit/verifications").token(TestIssuer.user("auditor-two", "auditor"))
                .json("""
                        {"from": "%s", "to": "%s"}""".formatted(now.minus(1, ChronoUnit.DAYS), now.plusSeconds(60)))
                .send(), 200);
        assertThat(verified.json().get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.json().get("eventsChecked").asLong()).isPositive();
    }

    private static Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Collects the lines of a server-sent event stream as they come. */
    private record LineCollector(List<String> lines) implements java.util.concurrent.Flow.Subscriber<String> {
        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }
}
