package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.auditedFor;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.util.List;
import org.eecs.adapter.in.web.WebFixtures.Audited;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A crisis heard in a session, as the session's clinicians meet it over the API: the session is flagged, the
 * escalation is listed with what was said and why, it is acknowledged and resolved, and every step is audited.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationApiTest {

    @LocalServerPort int port;
    @Autowired RespondingToPatients reasoning;
    @Autowired JdbcClient jdbc;
    Api api;

    String clinician;
    String token;
    String patient;
    String robot;
    String session;

    @BeforeAll
    void aRunningSession() {
        api = Api.onPort(port);
        WebFixtures fixtures = new WebFixtures(api);
        clinician = unique("dr-escalation");
        token = clinicianToken(clinician);
        robot = fixtures.registerRobot();
        patient = fixtures.registerPatient(token, "Escalated");
        fixtures.grantConsent(token, patient);
        session = fixtures.schedule(token, patient, robot);
        fixtures.start(token, session);
    }

    @Test
    void theCareTeamSeesTheCrisis_takesItOn_andResolvesIt() {
        String escalation = Crises.raise(reasoning, robot, session, "Some days I just want to end my life.");

        Answer flagged = api.get("/api/v1/sessions/" + session).token(token).send();
        assertThat(flagged.json().get("crisisFlaggedAt").isNull()).as(flagged.toString()).isFalse();

        Answer listed = api.get("/api/v1/sessions/" + session + "/escalations").token(token).send();
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        var raised = listed.json().valueStream().filter(item -> item.get("id").asString().equals(escalation))
                .findFirst().orElseThrow();
        assertThat(raised.get("category").asString()).isEqualTo("suicide");
        assertThat(raised.get("state").asString()).isEqualTo("OPEN");
        assertThat(raised.get("utterance").asString()).isEqualTo("Some days I just want to end my life.");
        assertThat(raised.get("evidence").asString()).contains("end my life");

        Answer open = api.get("/api/v1/escalations?size=100").token(token).send();
        assertThat(open.json().get("items").valueStream().map(item -> item.get("id").asString())).contains(escalation);
        Answer elsewhere = api.get("/api/v1/escalations?size=100").token(clinicianToken(unique("dr-other"))).send();
        assertThat(elsewhere.json().get("items").valueStream().map(item -> item.get("id").asString()))
                .doesNotContain(escalation);

        String requestId = WebFixtures.requestId();
        Answer acknowledged = api.post("/api/v1/escalations/" + escalation + "/acknowledge").token(token)
                .header("X-Request-Id", requestId).send();
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        assertThat(acknowledged.json().get("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.json().get("acknowledgedBy").asString()).isEqualTo(clinician);
        assertThat(auditedFor(jdbc, requestId)).extracting(Audited::action, Audited::entityType, Audited::entityId,
                        Audited::patientId, Audited::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UPDATE", "Escalation", escalation, patient,
                        "SUCCESS"));

        Answer again = api.post("/api/v1/escalations/" + escalation + "/acknowledge").token(token).send();
        assertThat(again.status()).as(again.toString()).isEqualTo(409);

        Answer blank = api.post("/api/v1/escalations/" + escalation + "/resolve").token(token)
                .json("{\"resolution\": \" \"}").send();
        assertThat(blank.status()).as(blank.toString()).isEqualTo(400);

        Answer resolved = api.post("/api/v1/escalations/" + escalation + "/resolve").token(token)
                .json("{\"resolution\": \"Sat with the patient; on-call psychiatrist saw them.\"}").send();
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("state").asString()).isEqualTo("RESOLVED");
        assertThat(api.get("/api/v1/escalations?state=RESOLVED&size=100").token(token).send().json().get("items")
                .valueStream().map(item -> item.get("id").asString())).contains(escalation);
        assertThat(api.get("/api/v1/escalations?size=100").token(token).send().json().get("items")
                .valueStream().map(item -> item.get("id").asString())).doesNotContain(escalation);
    }

    @Test
    void theRaiseIsAuditedAsTheRobotsAct() {
        String escalation = Crises.raise(reasoning, robot, session, "My chest hurts and my left arm is numb.");

        List<String> actors = jdbc.sql("select actor_role || ':' || actor_id from audit_event"
                        + " where entity_type = 'Escalation' and entity_id = ? and action = 'CREATE'")
                .param(escalation).query(String.class).list();
        assertThat(actors).containsExactly("ROBOT:" + robot);
    }

    @Test
    void anUnknownEscalationIs404_andABadIdIs400() {
        assertThat(api.post("/api/v1/escalations/00000000-0000-4000-8000-000000000000/acknowledge").token(token)
                .send().status()).isEqualTo(404);
        assertThat(api.post("/api/v1/escalations/not-an-id/acknowledge").token(token).send().status()).isEqualTo(400);
    }
}
