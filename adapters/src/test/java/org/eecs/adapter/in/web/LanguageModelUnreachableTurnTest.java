package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A language model is configured, and the patient consented to it, but it never answers (a server that accepts the
 * connection and stays silent): the turn is still answered, by the care library, within the model's timeout. A
 * context of its own (the model's settings differ), closed after this class.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LanguageModelUnreachableTurnTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final SilentServer MODEL = new SilentServer();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void aModelThatNeverAnswers(DynamicPropertyRegistry registry) {
        registry.add("eecs.reasoning.llm.provider", () -> "openai");
        registry.add("eecs.reasoning.llm.base-url", () -> "http://127.0.0.1:" + MODEL.port() + "/v1");
        registry.add("eecs.reasoning.llm.timeout", TIMEOUT::toString);
    }

    @AfterAll
    static void stopTheModel() {
        MODEL.close();
    }

    @Test
    void theCareLibraryAnswers_withinTheModelsTimeout() {
        Api api = Api.onPort(port);
        WebFixtures fixtures = new WebFixtures(api);
        String clinician = clinicianToken(unique("dr-llm"));
        String robot = fixtures.registerRobot();
        String patient = fixtures.registerPatient(clinician, unique("Waiting"));
        Answer consent = api.post("/api/v1/patients/" + patient + "/consents").token(clinician).json("""
                {"scopes": ["AUDIO_CAPTURE", "EMOTION_ANALYSIS", "EXTERNAL_LLM_PROCESSING"]}""").send();
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        String session = fixtures.schedule(clinician, patient, robot);
        fixtures.start(clinician, session);
        Instant spoken = Instant.now().minusSeconds(3);

        Answer answer = api.post("/api/v1/robot/sessions/" + session + "/text-turns").token(TestIssuer.robot(robot))
                .json("""
                        {"text": "I feel overwhelmed and don't know what to do.", "startedAt": "%s", "endedAt": "%s"}"""
                        .formatted(spoken, spoken.plusSeconds(2))).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(MODEL.accepted()).isPositive();
        JsonNode turn = api.get("/api/v1/sessions/" + session + "/transcript").token(clinician).send().json()
                .get("turns").get(0);
        assertThat(turn.get("answeredBy").get("kind").asString()).isEqualTo("CARE_LIBRARY");
        assertThat(turn.get("answeredBy").get("fallbackReason").asString()).contains("language model");
        double reasoningMillis = turn.get("latencyMillis").get("REASONING").asDouble();
        assertThat(reasoningMillis).isBetween(TIMEOUT.toMillis() * 0.9, TIMEOUT.toMillis() + 1500.0);
        assertThat(answer.json().get("response").get("text").asString())
                .isEqualTo("You're not alone, I can help you step by step.");
    }

    /** Accepts connections and never says a word: a model server that hangs. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();

        SilentServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        synchronized (held) {
                            held.add(connection);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-model-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
                synchronized (held) {
                    for (Socket connection : held) {
                        connection.close();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
