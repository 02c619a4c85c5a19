package org.eecs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.eecs.EecsApplication;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.TestDatabase;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keycloak down for real: the backend trusts an issuer at a port where nothing listens, so neither its metadata nor
 * its signing keys can be fetched. A request with a token (well formed, signed by an issuer the backend cannot ask)
 * is a 503 that says to try again, an OperationOutcome under /fhir, never a 500 nor a 401 that would send a robot
 * to fetch a new token for nothing; health stays answerable. Started as in {@code TwoInstancesTest}, on a database
 * of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityProviderDownTest {

    private final String database = "eecs_idp_down_" + UUID.randomUUID().toString().substring(0, 8);
    private ConfigurableApplicationContext backend;
    private Api api;

    @BeforeAll
    void startWithADeadIssuer() throws SQLException, IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestDatabase.Server server = TestDatabase.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        backend = new SpringApplicationBuilder(EecsApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + server.jdbcUrlOf(database),
                "--spring.datasource.username=" + server.username(),
                "--spring.datasource.password=" + server.password(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:" + closedPort
                        + "/realms/eecs",
                "--eecs.exports.directory=target/idp-down/exports",
                "--spring.jmx.enabled=false");
        api = Api.onPort(((WebServerApplicationContext) backend).getWebServer().getPort());
    }

    @AfterAll
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aTokenThatCannotBeChecked_is503WithRetryAfter_aProblemOnTheApi_andAnOperationOutcomeUnderFhir() {
        String clinician = TestIssuer.user("dr-idp-down", "clinician");

        Answer patients = api.get("/api/v1/patients").token(clinician).send();
        Answer fhir = api.get("/fhir/Patient").token(TestIssuer.user("his-idp-down", "integration"))
                .header("Accept", "application/fhir+json").send();
        Answer turn = api.post("/api/v1/robot/sessions/" + UUID.randomUUID() + "/text-turns")
                .token(TestIssuer.robot("robot-idp-down")).header("Idempotency-Key", "k-" + UUID.randomUUID())
                .json("""
                        {"text": "Hello?", "startedAt": "%s", "endedAt": "%s"}"""
                        .formatted(Instant.now().minusSeconds(3), Instant.now().minusSeconds(1))).send();

        for (Answer answer : new Answer[] {patients, turn}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.json().get("type").asString()).isEqualTo("urn:eecs:problem:unavailable");
            assertThat(answer.header("Retry-After")).isNotNull();
        }
        assertThat(fhir.status()).as(fhir.toString()).isEqualTo(503);
        assertThat(fhir.json().get("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(fhir.json().get("issue").get(0).get("code").asString()).isEqualTo("transient");
        assertThat(fhir.header("Retry-After")).isNotNull();
    }

    @Test
    void withoutAToken_theAnswerIsStill401_andHealthIsAnswered() {
        assertThat(api.get("/api/v1/patients").send().status()).isEqualTo(401);
        assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);
    }
}
