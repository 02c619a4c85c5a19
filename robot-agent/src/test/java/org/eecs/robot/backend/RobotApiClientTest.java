package org.eecs.robot.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.capture.CameraFrame;
import org.eecs.robot.capture.CaptureClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The robot API's client against a local server answering as the backend does, for what the end-to-end test
 * (adapters' RobotAgentEndToEndTest, with the real backend) cannot provoke at will: the form's bytes on a retry,
 * the problems and their meaning for the robot.
 */
class RobotApiClientTest {

    /** What the server saw: method, path, token, idempotency key, content type, body. */
    record Seen(String method, String path, String authorization, String key, String contentType, byte[] body) {
    }

    private record Canned(int status, String contentType, String body, String retryAfter) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Deque<Canned> answers = new ConcurrentLinkedDeque<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private HttpServer server;
    private RobotApiClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/token", exchange -> reply(exchange, 200, "application/json",
                "{\"access_token\": \"token-" + tokensIssued.incrementAndGet() + "\", \"expires_in\": 300}", null));
        server.createContext("/api/v1/robot/sessions", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            Canned answer = answers.isEmpty() ? new Canned(500, "text/plain", "nothing canned", null)
                    : answers.removeFirst();
            reply(exchange, answer.status(), answer.contentType(), answer.body(), answer.retryAfter());
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AccessTokens tokens = new AccessTokens(http, new AccessTokens.Settings(base.resolve("/token"), "robot-ward-a",
                "secret", Duration.ofSeconds(30), Duration.ofSeconds(5)), Clock.systemUTC());
        client = new RobotApiClient(http, tokens, new CaptureClock(), new RobotApiClient.Settings(base, false,
                Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void aTurnIsPostedAsTheDocumentedForm_andARetrySendsTheSameParts() {
        answers.add(problem(503, "unavailable", "the records cannot be reached just now", "", "3"));
        answers.add(new Canned(200, "application/json", "{\"turnId\": \"t-1\", \"plan\": {\"format\": \"x\"}}", null));
        Utterance utterance = new Utterance(UUID.randomUUID(), PcmAudio.of16kHz(new float[8000]),
                Instant.parse("2026-11-25T09:00:01.250Z"), List.of(new CameraFrame(100_000,
                new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}, "image/jpeg")));

        assertThatThrownBy(() -> client.takeTurn("s-1", utterance)).isInstanceOfSatisfying(BackendUnreachable.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
        TurnOutcome outcome = client.takeTurn("s-1", utterance);

        assertThat(outcome).isInstanceOfSatisfying(TurnOutcome.Refused.class,
                refused -> assertThat(refused.reason()).contains("t-1").contains("format"));
        Seen first = seen.get(0);
        Seen retry = seen.get(1);
        assertThat(first.path()).isEqualTo("/api/v1/robot/sessions/s-1/turns");
        assertThat(first.key()).isEqualTo(utterance.key().toString()).isEqualTo(retry.key());
        assertThat(first.authorization()).isEqualTo("Bearer token-1");
        String body = new String(first.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).containsSubsequence("name=\"utterance\"", "\"startedAt\":\"2026-11-25T09:00:01.250Z\"",
                "\"endedAt\":\"2026-11-25T09:00:01.750Z\"", "\"frameCapturedAt\":[\"",
                "name=\"audio\"; filename=\"utterance.wav\"", "Content-Type: audio/wav", "RIFF",
                "name=\"frame\"; filename=\"frame-0.jpg\"", "Content-Type: image/jpeg");
        assertThat(withoutBoundary(first)).isEqualTo(withoutBoundary(retry));
    }

    @Test
    void aRefusedToken_isRenewedOnce_andRefusedAgainTheRobotIsRefused() {
        answers.add(problem(401, "unauthenticated", "the token has expired", "", null));
        answers.add(new Canned(200, "application/json", "{\"current\": null, \"next\": {\"id\": \"s-2\", "
                + "\"state\": \"SCHEDULED\", \"start\": \"2026-11-25T09:00:00Z\", \"end\": \"2026-11-25T10:00:00Z\"}}",
                null));
        answers.add(problem(401, "unauthenticated", "the token has expired", "", null));
        answers.add(problem(401, "unauthenticated", "signed by an issuer this backend does not trust", "", null));

        Sessions sessions = client.mySessions();

        assertThat(sessions.current()).isEmpty();
        assertThat(sessions.next()).hasValueSatisfying(next -> assertThat(next.id()).isEqualTo("s-2"));
        assertThat(seen).extracting(Seen::authorization).containsExactly("Bearer token-1", "Bearer token-2");
        assertThatThrownBy(client::mySessions).isInstanceOf(BackendRefused.class)
                .hasMessageContaining("does not trust");
        assertThat(tokensIssued).hasValue(3);
    }

    @Test
    void aSessionNoLongerInProgress_endsTheConversation_sayingWhy() {
        answers.add(problem(409, "session-not-in-progress", "the session is not in progress",
                ", \"state\": \"ABORTED\", \"endReason\": \"consent withdrawn (version 3)\"", null));
        answers.add(problem(409, "idempotency-key-in-use", "still being processed; retry shortly", "", null));
        Utterance utterance = new Utterance(UUID.randomUUID(), PcmAudio.of16kHz(new float[1600]), Instant.now(),
                List.of());

        assertThat(client.takeTurn("s-1", utterance)).isEqualTo(
                new TurnOutcome.SessionOver("the session is ABORTED (consent withdrawn (version 3))"));
        assertThatThrownBy(() -> client.takeTurn("s-1", utterance)).isInstanceOf(BackendUnreachable.class)
                .hasMessageContaining("idempotency-key-in-use");
    }

    @Test
    void aBargeInIsReported_withHowFarIntoTheAnswerItCame() {
        answers.add(new Canned(204, "application/json", "", null));

        client.reportBargeIn("s-1", "t-7", Duration.ofMillis(1830));

        assertThat(seen).singleElement().satisfies(barge -> {
            assertThat(barge.path()).isEqualTo("/api/v1/robot/sessions/s-1/turns/t-7/barge-in");
            assertThat(new String(barge.body(), StandardCharsets.UTF_8)).isEqualTo("{\"heardAfterMs\": 1830}");
        });
    }

    @Test
    void aTurnStreamWhoseUpgradeIsNeverAnswered_isGivenUpWithinTheRequestTimeout_andTriedAgainAfterABackoff()
            throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a word back
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            AccessTokens tokens = new AccessTokens(http, new AccessTokens.Settings(base.resolve("/token"),
                    "robot-ward-a", "secret", Duration.ofSeconds(30), Duration.ofSeconds(5)), Clock.systemUTC());
            try (RobotApiClient streaming = new RobotApiClient(http, tokens, new CaptureClock(),
                    new RobotApiClient.Settings(URI.create("http://127.0.0.1:" + silent.getLocalPort()), true,
                            Duration.ofMillis(500), Duration.ofSeconds(5)))) {
                long before = System.nanoTime();

                assertThatThrownBy(() -> streaming.openTurn("s-1", UUID.randomUUID(), Instant.now()))
                        .isInstanceOf(BackendUnreachable.class).hasMessageContaining("did not answer")
                        .hasMessageContaining("within 500 ms");

                assertThat(Duration.ofNanos(System.nanoTime() - before)).as("bounded, not for ever")
                        .isLessThan(Duration.ofSeconds(30));
                assertThat(streaming.streamsTurns()).as("turns posted whole meanwhile").isFalse();
                long waited = System.nanoTime();
                while (!streaming.streamsTurns() && System.nanoTime() - waited < 5_000_000_000L) {
                    Thread.sleep(20);
                }
                assertThat(streaming.streamsTurns()).as("the stream tried again after the backoff").isTrue();
                assertThatThrownBy(() -> streaming.openTurn("s-1", UUID.randomUUID(), Instant.now()))
                        .isInstanceOf(BackendUnreachable.class);
                assertThat(accepted).as("one connection per attempt").hasSize(2);
            }
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static Canned problem(int status, String kind, String detail, String more, String retryAfter) {
        return new Canned(status, "application/problem+json", "{\"type\": \"urn:eecs:problem:" + kind
                + "\", \"status\": " + status + ", \"detail\": \"" + detail + "\"" + more + "}", retryAfter);
    }

    private static String withoutBoundary(Seen request) {
        String boundary = request.contentType().substring(request.contentType().indexOf("boundary=") + 9);
        return new String(request.body(), StandardCharsets.ISO_8859_1).replace(boundary, "B");
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body, String retryAfter)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
