package org.eecs.robot.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.eecs.robot.MovableClock;
import org.junit.jupiter.api.Test;

/** Against a local HTTP server speaking Keycloak's OAuth 2.0 token endpoint (client credentials grant). */
class AccessTokensTest {

    private static final String PATH = "/realms/eecs/protocol/openid-connect/token";

    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock();
    private HttpServer keycloak;
    private int lifetimeSeconds = 300;

    @AfterEach
    void stop() {
        if (keycloak != null) {
            keycloak.stop(0);
        }
    }

    @Test
    void theRobotAsksForATokenWithItsClientCredentials_andKeepsItWhileItIsFresh() throws IOException {
        AccessTokens tokens = tokens(start(), "robot-ward-a-demo-secret");

        String first = tokens.current();
        clock.advance(Duration.ofSeconds(200));
        String again = tokens.current();

        assertThat(first).isEqualTo("token-1").isEqualTo(again);
        assertThat(requests).singleElement().isEqualTo(Map.of("grant_type", "client_credentials",
                "client_id", "robot-ward-a", "client_secret", "robot-ward-a-demo-secret"));
    }

    @Test
    void theTokenIsRenewedBeforeItExpires_notAfter() throws IOException {
        AccessTokens tokens = tokens(start(), "robot-ward-a-demo-secret");
        tokens.current();

        clock.advance(Duration.ofSeconds(269));
        assertThat(tokens.current()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1)); // 30 s before the 300 s expire
        assertThat(tokens.current()).isEqualTo("token-2");
        assertThat(tokens.issued()).isEqualTo(2);
    }

    @Test
    void aShortLivedToken_isRenewedHalfwayThroughItsLife() throws IOException {
        lifetimeSeconds = 20;
        AccessTokens tokens = tokens(start(), "robot-ward-a-demo-secret");
        tokens.current();

        clock.advance(Duration.ofSeconds(9));
        assertThat(tokens.current()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.current()).isEqualTo("token-2");
    }

    @Test
    void aTokenTheBackendRefused_isReplacedAtOnce() throws IOException {
        AccessTokens tokens = tokens(start(), "robot-ward-a-demo-secret");
        tokens.current();

        assertThat(tokens.renew()).isEqualTo("token-2");
    }

    @Test
    void aWrongSecret_isRefusedWithKeycloaksReason() throws IOException {
        AccessTokens tokens = tokens(start(), "wrong");

        assertThatThrownBy(tokens::current).isInstanceOf(AccessTokens.CredentialsRefused.class)
                .hasMessage("the identity provider refused client robot-ward-a: unauthorized_client "
                        + "(Invalid client or Invalid client credentials)");
    }

    @Test
    void anIdentityProviderThatIsDown_isReportedUnreachable() throws IOException {
        URI endpoint = start();
        keycloak.stop(0);
        keycloak = null;

        assertThatThrownBy(() -> tokens(endpoint, "robot-ward-a-demo-secret").current())
                .isInstanceOf(BackendUnreachable.class).hasMessageContaining("cannot be reached");
    }

    private AccessTokens tokens(URI endpoint, String secret) {
        return new AccessTokens(HttpClient.newHttpClient(), new AccessTokens.Settings(endpoint, "robot-ward-a", secret,
                Duration.ofSeconds(30), Duration.ofSeconds(5)), clock);
    }

    private URI start() throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keycloak.createContext(PATH, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = java.util.Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
            boolean good = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/x-www-form-urlencoded")
                    && "robot-ward-a-demo-secret".equals(form.get("client_secret"));
            requests.add(form);
            String answer = good
                    ? "{\"access_token\":\"token-" + requests.size() + "\",\"expires_in\":" + lifetimeSeconds
                      + ",\"refresh_expires_in\":0,\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"profile\"}"
                    : "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(good ? 200 : 401, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        keycloak.start();
        return URI.create("http://127.0.0.1:" + keycloak.getAddress().getPort() + PATH);
    }
}
