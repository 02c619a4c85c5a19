package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.auditedFor;
import static org.eecs.adapter.in.web.WebFixtures.textTurn;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import org.eecs.adapter.in.web.WebFixtures.Running;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What operations see: liveness and readiness for the orchestrator and the load balancer (no token needed, no
 * details), and the metrics for Prometheus (a token with the role monitoring, nobody else).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Api api;
    WebFixtures fixtures;
    String clinician;

    @BeforeAll
    void setUp() {
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        clinician = clinicianToken(unique("dr-metrics"));
    }

    @Test
    void liveness_isTheProcessAlone_andUp() {
        Answer liveness = api.get("/actuator/health/liveness").send();

        assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(liveness.json().path("components").has("db")).as("a database outage restarts nothing")
                .isFalse();
    }

    @Test
    void readiness_reflectsTheDatabaseAndTheModelServers() {
        Answer readiness = api.get("/actuator/health/readiness").send();

        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        // no model server is configured in the tests: the embedded models serve
        assertThat(components.get("modelServers").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("readinessState").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.body()).as("no details to the public").doesNotContain("jdbc", "postgres");
    }

    @Test
    void metrics_areForTheMonitoringRoleOnly() {
        assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus").token(clinician).send().status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus").token(TestIssuer.user("auditor-" + unique("x"), "auditor"))
                .send().status()).isEqualTo(403);

        assertThat(api.get("/actuator/prometheus").token(monitoring()).send().status()).isEqualTo(200);
    }

    @Test
    void aRefusedScrape_andTheMonitoringClientRefusedElsewhere_areAuditedWithTheCallersRole() {
        String anonymous = WebFixtures.requestId();
        String wrongRole = WebFixtures.requestId();
        String monitoringElsewhere = WebFixtures.requestId();
        api.get("/actuator/prometheus").header("X-Request-Id", anonymous).send();
        api.get("/actuator/prometheus").token(clinician).header("X-Request-Id", wrongRole).send();
        Answer patients = api.get("/api/v1/patients").token(monitoring()).header("X-Request-Id", monitoringElsewhere)
                .send();

        assertThat(patients.status()).isEqualTo(403);
        assertThat(auditedFor(jdbc, anonymous)).singleElement().hasToString(
                "ANONYMOUS:anonymous READ Metrics/prometheus patient=null DENIED from 127.0.0.1");
        assertThat(auditedFor(jdbc, wrongRole)).singleElement()
                .satisfies(event -> assertThat(event.actorRole()).isEqualTo("CLINICIAN"))
                .satisfies(event -> assertThat(event.entityType()).isEqualTo("Metrics"));
        assertThat(auditedFor(jdbc, monitoringElsewhere)).singleElement().satisfies(event -> {
            assertThat(event.actorId()).isEqualTo("service-account-eecs-monitoring");
            assertThat(event.actorRole()).as("was ANONYMOUS: the role was not one of ours").isEqualTo("MONITORING");
            assertThat(event.outcome()).isEqualTo("DENIED");
        });
    }

    @Test
    void aTurn_showsInTheStageTimesTurnCountAndAuditWriteRate() {
        Running running = fixtures.running(clinician);
        double appendsBefore = sample(scrape(), "eecs_audit_appends_total");
        double turnsBefore = sample(scrape(), "eecs_turns_total{answered_by=\"CARE_LIBRARY\"");

        Answer turn = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("I am a little nervous about tomorrow.")).send();
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);

        String metrics = scrape();
        assertThat(sample(metrics, "eecs_turns_total{answered_by=\"CARE_LIBRARY\"")).isEqualTo(turnsBefore + 1);
        assertThat(sample(metrics, "eecs_audit_appends_total")).as("the turn's opening and its record")
                .isGreaterThanOrEqualTo(appendsBefore + 2);
        assertThat(metrics).contains("eecs_turn_stage_seconds_count{", "stage=\"REASONING\"",
                "stage=\"SPEECH_SYNTHESIS\"", "http_server_requests_seconds_count{");
        assertThat(metrics).as("counts and times only").doesNotContain("nervous");
    }

    @Test
    void springSecuritysOwnObservations_areNotRecorded_theRequestsAre() {
        assertThat(api.get("/api/v1/patients").token(clinician).send().status()).isEqualTo(200);

        String metrics = scrape();
        assertThat(metrics).contains("http_server_requests_seconds_count{");
        assertThat(metrics).as("a timer around each of Spring Security's filters, nobody reads them")
                .doesNotContain("spring_security_filterchains", "spring_security_authentications",
                        "spring_security_authorizations");
    }

    private String scrape() {
        Answer metrics = api.get("/actuator/prometheus").token(monitoring()).send();
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        return metrics.body();
    }

    /** The value of the first sample whose line starts with this name (and labels, if given); 0 when none. */
    private static double sample(String metrics, String start) {
        return metrics.lines().filter(line -> line.startsWith(start))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static String monitoring() {
        return TestIssuer.user("service-account-eecs-monitoring", "monitoring");
    }
}
