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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RobotAgentTest {

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

        int status = agent().checkBackend(url, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("is UP");
    }

    @Test
    void whenBackendIsDown_theAgentShowsWhatItAnswered() throws IOException {
        URI url = backendAnswering(503, "{\"status\":\"DOWN\"}");

        int status = agent().checkBackend(url, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("HTTP 503").contains("DOWN");
    }

    @Test
    void whenNothingListens_theAgentSaysItCannotReachTheBackend() throws IOException {
        URI url = backendAnswering(200, "{}");
        backend.stop(0);
        backend = null;

        int status = agent().checkBackend(url, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("cannot be reached");
    }

    private RobotAgent agent() {
        return new RobotAgent(HttpClient.newHttpClient());
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
