package org.eecs.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.KeycloakServer;
import org.eecs.testing.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The server against a real Keycloak 26 with the realm of docs/keycloak: tokens by the password grant (people)
 * and the client-credentials grant (a robot), then real calls to the API, as in a hospital.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = KeycloakEndToEndIT.RealKeycloak.class)
class KeycloakEndToEndIT {

    private static final String BACKEND = "eecs-backend";
    private static final String BACKEND_SECRET = "eecs-backend-demo-secret";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aClinicianWithAKeycloakTokenRunsASession_andTheRobotSeesOnlyItsOwn() {
        KeycloakServer keycloak = KeycloakServer.shared();
        Api api = Api.onPort(port);
        String admin = keycloak.passwordGrant(BACKEND, BACKEND_SECRET, "admin-sam", "admin-sam-demo");
        String drLi = keycloak.passwordGrant(BACKEND, BACKEND_SECRET, "dr-li", "dr-li-demo");
        String nurseKim = keycloak.passwordGrant(BACKEND, BACKEND_SECRET, "nurse-kim", "nurse-kim-demo");
        String robotA = keycloak.clientCredentialsGrant("robot-ward-a", "robot-ward-a-demo-secret");
        String robotB = keycloak.clientCredentialsGrant("robot-ward-b", "robot-ward-b-demo-secret");

        for (String robot : List.of("robot-ward-a", "robot-ward-b")) {
            assertThat(api.post("/api/v1/robots").token(admin).json("""
                    {"id": "%s", "name": "Ward robot", "model": "humanoid-h1", "profileReference": "profiles/h1.yaml"}
                    """.formatted(robot)).send().status()).isEqualTo(201);
        }
        Answer patient = api.post("/api/v1/patients").token(drLi).json("""
                {"alias": "Robin", "birthYear": 1958, "gender": "FEMALE", "preferredLanguage": "en"}""").send();
        assertThat(patient.status()).as(patient.toString()).isEqualTo(201);
        String patientId = patient.json().get("id").asString();
        assertThat(api.post("/api/v1/patients/" + patientId + "/consents").token(drLi)
                .json("{\"scopes\": [\"AUDIO_CAPTURE\", \"VIDEO_CAPTURE\", \"EMOTION_ANALYSIS\"]}").send().status())
                .isEqualTo(201);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Answer session = api.post("/api/v1/sessions").token(drLi).json("""
                {"patientId": "%s", "robotId": "robot-ward-a", "start": "%s", "end": "%s",
                 "careGoal": "company before surgery", "emotionInput": true}"""
                .formatted(patientId, start, start.plus(45, ChronoUnit.MINUTES))).send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String sessionId = session.json().get("id").asString();
        assertThat(api.post("/api/v1/sessions/" + sessionId + "/start").token(drLi).send().status()).isEqualTo(200);

        assertThat(api.get("/api/v1/sessions/" + sessionId).token(robotA).send().json().get("state").asString())
                .isEqualTo("IN_PROGRESS");
        assertThat(api.get("/api/v1/sessions").token(robotA).send().json().get("total").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/sessions/" + sessionId).token(robotB).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/patients/" + patientId).token(robotA).send().status()).isEqualTo(403);
        assertThat(api.get("/api/v1/patients/" + patientId).token(nurseKim).send().status()).isEqualTo(404);

        assertThat(api.post("/api/v1/sessions/" + sessionId + "/complete").token(drLi).send().status())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/sessions/" + sessionId + "/rating").token(drLi).json("{\"score\": 4}").send()
                .status()).isEqualTo(200);
        Answer transcript = api.get("/api/v1/sessions/" + sessionId + "/transcript").token(drLi).send();
        assertThat(transcript.status()).isEqualTo(200);

        assertThat(jdbc.sql("select count(*) from audit_event where actor_id = 'dr-li' and outcome = 'SUCCESS'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(7);
        assertThat(jdbc.sql("select actor_role from audit_event where actor_id = 'robot-ward-a' limit 1")
                .query(String.class).single()).isEqualTo("ROBOT");
        assertThat(jdbc.sql("""
                        select count(*) from audit_event
                        where actor_id = 'nurse-kim' and outcome = 'DENIED' and patient_id = ?::uuid""")
                .param(patientId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aTokenFromTheRealmIsRefusedOnceItsSignatureIsBroken() {
        String token = KeycloakServer.shared().passwordGrant(BACKEND, BACKEND_SECRET, "dr-li", "dr-li-demo");
        String broken = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        Answer answer = Api.onPort(port).get("/api/v1/patients").token(broken).send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    /** The tests' database, and Keycloak's realm as the only issuer the server trusts. */
    static class RealKeycloak implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestEnvironment.apply(context, KeycloakServer.shared().issuer());
        }
    }
}
