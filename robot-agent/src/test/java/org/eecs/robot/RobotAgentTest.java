package org.eecs.robot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eecs.perception.audio.WavWriter;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobotAgentTest {

    @TempDir
    Path folder;
    private HttpServer backend;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stopBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void whenBackendReportsUp_theAgentSaysSoAndExitsZero() throws IOException {
        URI url = backendAnswering(200, "{\"status\":\"UP\"}");

        assertThat(agent().checkBackend(url)).isZero();
        assertThat(printed()).contains("is UP");
    }

    @Test
    void whenBackendIsDown_theAgentShowsWhatItAnswered() throws IOException {
        URI url = backendAnswering(503, "{\"status\":\"DOWN\"}");

        assertThat(agent().checkBackend(url)).isEqualTo(2);
        assertThat(printed()).contains("HTTP 503").contains("DOWN");
    }

    @Test
    void whenNothingListens_theAgentSaysItCannotReachTheBackend() throws IOException {
        URI url = backendAnswering(200, "{}");
        backend.stop(0);
        backend = null;

        assertThat(agent().checkBackend(url)).isEqualTo(2);
        assertThat(printed()).contains("cannot be reached");
    }

    @Test
    void check_takesTheBackendUrlFromTheEnvironment_overTheSettingsFile() throws Exception {
        URI url = backendAnswering(200, "{\"status\":\"UP\"}");
        Path settings = Files.writeString(folder.resolve("robot-agent.yaml"), "backend:\n  url: http://127.0.0.1:1\n");

        int status = agent().run(List.of("--config", settings.toString(), "check"),
                Map.of("EECS_AGENT_BACKEND_URL", url.toString())::get);

        assertThat(status).isZero();
        assertThat(printed()).contains("backend " + url + " is UP").contains("token not checked");
    }

    @Test
    void perform_playsAPlanFileOnTheSimulator_andSaysHowItWent() throws Exception {
        Path plan = Files.write(folder.resolve("plan.json"), TestPlans.wireBytes(TestPlans.nodding(0.5)));
        Path settings = Files.writeString(folder.resolve("robot-agent.yaml"), "body:\n  simulator:\n    port: 0\n");

        int status = agent().run(List.of("--config", settings.toString(), "perform", plan.toString()), k -> null);

        assertThat(status).isZero();
        assertThat(printed()).contains("performing \"I am here with you.\" (500 ms)").contains("performed: completed")
                .contains("the simulator recorded Recording[1 speeches");
    }

    @Test
    void perform_saysARecordingWithTheJawFollowingIt() throws Exception {
        Path wav = Files.write(folder.resolve("hello.wav"), WavWriter.wav(TestPlans.speech(0.4)));

        int status = agent().run(List.of("perform", wav.toString()), Map.of("EECS_AGENT_BODY_SIMULATOR_PORT", "0")::get);

        assertThat(status).isZero();
        assertThat(printed()).contains("performing \"hello.wav\" (400 ms)").contains("performed: completed");
    }

    @Test
    void aBadSettingsValue_isNamedWithItsPlace() throws Exception {
        Path plan = Files.write(folder.resolve("plan.json"), TestPlans.wireBytes(TestPlans.nodding(0.5)));
        Path settings = Files.writeString(folder.resolve("robot-agent.yaml"), "body:\n  kind: telepathy\n");

        int status = agent().run(List.of("--config", settings.toString(), "perform", plan.toString()), k -> null);

        assertThat(status).isEqualTo(1);
        assertThat(printed()).contains("robot-agent.yaml: body.kind: expected one of simulator, rosbridge, got "
                + "\"telepathy\"");
    }

    @Test
    void run_withoutTheRobotsSecret_namesTheSettingAndWhereToPutIt() throws Exception {
        int status = agent().run(List.of("run"), k -> null);

        assertThat(status).isEqualTo(1);
        assertThat(printed()).contains("cannot run: ").contains("keycloak.client-secret")
                .contains("EECS_AGENT_KEYCLOAK_CLIENT_SECRET");
    }

    @Test
    void run_whenKeycloakRefusesTheRobotsCredentials_saysSoAndExitsOne() throws Exception {
        URI url = backendAnswering(200, "{\"status\":\"UP\"}");
        backend.createContext("/token", exchange -> {
            byte[] bytes = "{\"error\": \"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        Path wav = Files.write(folder.resolve("patient.wav"), WavWriter.wav(TestPlans.speech(0.4)));
        Path settings = Files.writeString(folder.resolve("robot-agent.yaml"), """
                backend:
                  url: %s
                keycloak:
                  token-url: %s/token
                microphone:
                  source: wav
                  wav: %s
                body:
                  simulator:
                    port: 0
                """.formatted(url, url, wav.getFileName()));

        int status = agent().run(List.of("--config", settings.toString(), "run"),
                Map.of("EECS_AGENT_KEYCLOAK_CLIENT_SECRET", "wrong")::get);

        assertThat(status).isEqualTo(1);
        assertThat(printed()).contains("waiting for its sessions")
                .contains("the identity provider refused client robot-ward-a: invalid_client");
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private RobotAgent agent() {
        return new RobotAgent(HttpClient.newHttpClient(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private URI backendAnswering(int status, String body) throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/actuator/health", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        backend.start();
        return URI.create("http://127.0.0.1:" + backend.getAddress().getPort());
    }
}
