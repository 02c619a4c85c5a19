package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eecs.testing.Api;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow-loris clients: one that sends half its headers and goes silent, one that declares a body and stops sending it
 * half-way. The server cuts each off once it has been silent for the read timeout
 * ({@code server.tomcat.connection-timeout}; a body within two of them: the application's read, then the container's
 * drain), holding neither a thread nor a connection longer, and serves everyone else meanwhile.
 */
@IntegrationTest
class SlowClientsTest {

    @LocalServerPort int port;
    @Value("${server.tomcat.connection-timeout}") Duration readTimeout;

    @Test
    void clientsThatStallInTheirHeadersOrTheirBody_areCutOffAtTheReadTimeout() throws Exception {
        String token = TestIssuer.user(WebFixtures.unique("dr-slow"), "clinician");
        CompletableFuture<Duration> headers = CompletableFuture.supplyAsync(() -> stalled(
                "POST /api/v1/patients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"));
        CompletableFuture<Duration> body = CompletableFuture.supplyAsync(() -> stalled(
                "POST /api/v1/patients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"alias\": \"Sl"));

        // meanwhile the server answers others as usual
        assertThat(Api.onPort(port).get("/actuator/health/readiness").send().status()).isEqualTo(200);

        assertThat(headers.get()).as("cut off after").isGreaterThanOrEqualTo(readTimeout.minusSeconds(1))
                .isLessThan(readTimeout.plusSeconds(15));
        // a body: the application's read times out, then the container's attempt to drain the rest does
        assertThat(body.get()).as("cut off after").isGreaterThanOrEqualTo(readTimeout.minusSeconds(1))
                .isLessThan(readTimeout.multipliedBy(2).plusSeconds(15));
    }

    /** Sends the start of a request, then nothing: how long until the server answers or closes the connection. */
    private Duration stalled(String start) {
        long began = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) readTimeout.plusSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes(); // until the server closes: whatever it said before (a 4xx, or nothing)
            String said = new String(answer, StandardCharsets.US_ASCII);
            assertThat(said.isEmpty() || said.startsWith("HTTP/1.1 4")).as(said).isTrue();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server held a silent client for over " + readTimeout.plusSeconds(30), e);
        } catch (IOException reset) {
            // a reset connection is cut off too
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }
}
