package org.eecs.adapter.out.modelservers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

/** The model servers' health: probed in the background, read without waiting, each server's state its own. */
class ModelServerProbesTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", exchange -> {
            try (exchange) {
                authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                if (hang) {
                    release.await();
                }
                exchange.sendResponseHeaders(status.get(), -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aServerThatAnswers_isUp_andTheKeyIsSent() {
        try (ModelServerProbes probes = probes(new ModelServer("languageModel", models(), "secret-key"))) {
            assertThat(status(probes)).isEqualTo(Status.UNKNOWN);

            probes.probeAll();

            eventually(probes, Status.UP);
            assertThat(authorization.get()).isEqualTo("Bearer secret-key");
            assertThat(probes.indicatorOf(probes.servers().getFirst()).health(true).getDetails().toString())
                    .doesNotContain("secret-key");
        }
    }

    @Test
    void aServerAnsweringAnError_isDegraded_notDown() {
        status.set(503);
        try (ModelServerProbes probes = probes(new ModelServer("speechRecognition", models(), null))) {
            probes.probeAll();

            eventually(probes, ModelServerProbes.DEGRADED);
            assertThat(probes.indicatorOf(probes.servers().getFirst()).health(true).getDetails().get("error"))
                    .isEqualTo("answered 503");
        }
    }

    @Test
    void aServerNobodyListensOn_isDegraded() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ModelServerProbes probes = probes(new ModelServer("speechSynthesis",
                URI.create("http://127.0.0.1:" + closed + "/v1/models"), null))) {
            probes.probeAll();

            eventually(probes, ModelServerProbes.DEGRADED);
        }
    }

    @Test
    void aHangingServer_neverHoldsTheProbeNorTheHealthCheck_andTurnsDegradedAtTheTimeout() {
        hang = true;
        try (ModelServerProbes probes = probes(new ModelServer("languageModel", models(), null))) {
            long started = System.nanoTime();
            probes.probeAll();
            probes.probeAll(); // the first still runs: not sent twice
            status(probes);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

            eventually(probes, ModelServerProbes.DEGRADED);
            assertThat(probes.indicatorOf(probes.servers().getFirst()).health(true).getDetails().get("error")
                    .toString()).contains("HttpTimeoutException");
        }
    }

    @Test
    void theServersProbed_areThoseTheSettingsName() {
        assertThat(ModelServer.configuredIn(new MockEnvironment())).isEmpty();

        List<ModelServer> servers = ModelServer.configuredIn(new MockEnvironment()
                .withProperty("eecs.reasoning.llm.provider", "openai")
                .withProperty("eecs.reasoning.llm.base-url", "http://vllm:8000/v1/")
                .withProperty("eecs.speech.engine", "openai")
                .withProperty("eecs.speech.openai.base-url", "http://whisper:9000")
                .withProperty("eecs.generation.speech.engine", "openai"));
        assertThat(servers).extracting(ModelServer::name, server -> server.probe().toString()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("languageModel", "http://vllm:8000/v1/models"),
                org.assertj.core.groups.Tuple.tuple("speechRecognition", "http://whisper:9000/v1/models"),
                org.assertj.core.groups.Tuple.tuple("speechSynthesis", "http://localhost:8000/v1/models"));
        assertThat(ModelServer.configuredIn(new MockEnvironment().withProperty("eecs.reasoning.llm.provider", "ollama")))
                .extracting(server -> server.probe().toString()).containsExactly("http://localhost:11434/api/tags");
    }

    /** Waits up to 10 s for the last probe to say this. */
    private static void eventually(ModelServerProbes probes, Status expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!status(probes).equals(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(status(probes)).isEqualTo(expected);
    }

    private ModelServerProbes probes(ModelServer server) {
        return new ModelServerProbes(List.of(server), Duration.ofSeconds(1), Clock.systemUTC());
    }

    private URI models() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/models");
    }

    private static Status status(ModelServerProbes probes) {
        return probes.indicatorOf(probes.servers().getFirst()).health(true).getStatus();
    }
}
