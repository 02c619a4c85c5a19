package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.textTurn;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.util.List;
import org.eecs.adapter.in.web.WebFixtures.Running;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log is JSON, one object a line, each request's lines carrying its id; and it holds nothing a patient said or
 * is called: not when they are registered, not when they speak to the robot, not when a clinician writes about them,
 * not when any of these fails.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PatientContentStaysOutOfLogsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @Test
    void aRegistrationATurnANoteAndTheirFailures_leaveNoAliasTranscriptOrFreeTextInTheLog(CapturedOutput log) {
        Api api = Api.onPort(port);
        WebFixtures fixtures = new WebFixtures(api);
        String clinician = clinicianToken(unique("dr-logs"));
        String alias = unique("Philomena");
        String preference = unique("collects-blue-teapots");
        String words = unique("my-brother-Ansel-never-visits");
        String note = unique("seemed-calmer-after-the-garden-walk");
        String requestId = WebFixtures.requestId();

        Answer registered = api.post("/api/v1/patients").token(clinician).header("X-Request-Id", requestId).json("""
                {"alias": "%s", "birthYear": 1941, "gender": "FEMALE", "preferredLanguage": "en",
                 "preferences": ["%s"]}""".formatted(alias, preference)).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Answer twice = api.post("/api/v1/patients").token(clinician).json("""
                {"alias": "%s", "birthYear": "in the spring of %s", "gender": "FEMALE"}""".formatted(alias, alias))
                .send();
        assertThat(twice.status()).as(twice.toString()).isEqualTo(400);

        Running running = fixtures.running(clinician);
        Answer turn = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn(words)).send();
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
        Answer again = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json("{\"text\": \"" + words + "\", \"startedAt\": \"" + words + "\"}").send();
        assertThat(again.status()).as(again.toString()).isEqualTo(400);
        Answer noted = api.post("/api/v1/sessions/" + running.session() + "/notes").token(clinician)
                .json("{\"text\": \"" + note + "\"}").send();
        assertThat(noted.status()).as(noted.toString()).isEqualTo(201);
        Answer malformedNote = api.post("/api/v1/sessions/" + running.session() + "/notes").token(clinician)
                .json("{\"text\": \"" + note + "\", \"mood\": \"" + note + "\"}").send();
        assertThat(malformedNote.status()).as(malformedNote.toString()).isEqualTo(400);
        String searched = api.get("/api/v1/patients?alias=" + alias).token(clinician).send().toString();
        assertThat(searched).isNotEmpty();

        String output = log.getAll();
        for (String secret : List.of(alias, preference, words, note)) {
            assertThat(output).as("the log").doesNotContain(secret);
        }
        List<JsonNode> lines = output.lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
        assertThat(lines).as("JSON lines were logged").isNotEmpty();
        assertThat(output.lines().filter(line -> line.contains("\"requestId\"")).allMatch(line -> line.startsWith("{")))
                .as("the lines of requests are JSON objects:\n" + output).isTrue();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("requestId").asString()).isEqualTo(requestId);
            assertThat(line.path("message").asString()).contains("POST /api/v1/patients answered 201");
        });
    }
}
