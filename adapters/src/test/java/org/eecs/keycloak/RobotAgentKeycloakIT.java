package org.eecs.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.eecs.robot.backend.AccessTokens;
import org.eecs.robot.backend.RobotApiClient;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.testing.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The robot agent's own token source and robot API client against the real Keycloak with the realm of docs/keycloak
 * and the backend trusting it (the same context as {@link KeycloakEndToEndIT}): the robot's client credentials get
 * it a token the backend accepts, and a wrong secret is refused, saying so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = KeycloakEndToEndIT.RealKeycloak.class)
class RobotAgentKeycloakIT {

    @LocalServerPort int port;

    @Test
    void theAgentsClientCredentials_getATokenTheBackendAccepts_andAWrongSecretIsRefused() {
        KeycloakServer keycloak = KeycloakServer.shared();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AccessTokens tokens = tokens(http, keycloak, "robot-ward-a-demo-secret");
        RobotApiClient robot = new RobotApiClient(http, tokens, new CaptureClock(),
                RobotApiClient.Settings.defaults(URI.create("http://127.0.0.1:" + port)));

        assertThat(robot.mySessions()).isNotNull();
        tokens.renew();
        assertThat(robot.mySessions()).isNotNull();
        assertThat(tokens.issued()).isEqualTo(2);
        assertThatThrownBy(() -> tokens(http, keycloak, "wrong").current())
                .isInstanceOf(AccessTokens.CredentialsRefused.class).hasMessageContaining("Invalid client credentials");
    }

    private static AccessTokens tokens(HttpClient http, KeycloakServer keycloak, String secret) {
        return new AccessTokens(http, new AccessTokens.Settings(URI.create(keycloak.issuer()
                + "/protocol/openid-connect/token"), "robot-ward-a", secret, Duration.ofSeconds(30),
                Duration.ofSeconds(10)), Clock.systemUTC());
    }
}
