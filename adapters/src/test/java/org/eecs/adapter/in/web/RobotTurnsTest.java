package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.textTurn;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eecs.adapter.in.web.WebFixtures.Running;
import org.eecs.adapter.out.recognition.face.FaceImages;
import org.eecs.adapter.out.speech.SpeechSamples;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.Multipart;
import org.eecs.testing.TestDatabase;
import org.eecs.testing.TestIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Care turns over the robot API, end to end on the embedded models: real speech (espeak-ng) and a real face photo
 * in, a care response and its performance plan out, the turn in the clinician's transcript; and the ways a turn
 * is refused.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobotTurnsTest {

    private static final String SMILING = "sample3-middle.jpg";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MultipartForms forms;
    @Autowired JsonMapper jsonMapper;
    @Autowired RequestMappingHandlerAdapter mvc;
    Api api;
    WebFixtures fixtures;
    String clinician;
    byte[] speech;

    @BeforeAll
    void setUp() {
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        clinician = clinicianToken(unique("dr-turns"));
        speech = SpeechSamples.espeak("I had a lovely day, my grandchildren came to visit me.");
    }

    private Running running() {
        return fixtures.running(clinician);
    }

    private static Multipart turn(byte[] wav, int frames) {
        return turn(wav, frames, Instant.now().minusSeconds(4));
    }

    private static Multipart turn(byte[] wav, int frames, Instant start) {
        List<String> times = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            times.add("\"" + start.plusMillis(200L * i) + "\"");
        }
        Multipart form = new Multipart().part("utterance", "application/json", """
                {"startedAt": "%s", "endedAt": "%s", "frameCapturedAt": %s}"""
                .formatted(start, start.plusSeconds(3), times));
        form.part("audio", "utterance.wav", "audio/wav", wav);
        for (int i = 0; i < frames; i++) {
            form.part("frame", "frame-" + i + ".jpg", "image/jpeg", FaceImages.photo(SMILING));
        }
        return form;
    }

    private Answer post(Running running, Multipart form, String key) {
        Api.Call call = api.post("/api/v1/robot/sessions/" + running.session() + "/turns").token(running.token())
                .multipart(form);
        return key == null ? call.send() : call.header("Idempotency-Key", key).send();
    }

    private JsonNode transcript(Running running) {
        Answer transcript = api.get("/api/v1/sessions/" + running.session() + "/transcript").token(clinician).send();
        assertThat(transcript.status()).as(transcript.toString()).isEqualTo(200);
        return transcript.json().get("turns");
    }

    @Test
    void aTurnOfRealSpeechAndARealFace_isAnsweredForTheEmotionSeen_andTheTranscriptShowsIt() {
        Running running = running();

        Answer answer = post(running, turn(speech, 16), "turn-" + unique("k"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        JsonNode plan = body.get("plan");
        assertThat(plan.get("format").asString()).isEqualTo("eecs.performance-plan");
        assertThat(plan.get("speech").get("sampleCount").asInt()).isPositive();
        assertThat(plan.get("response")).isEqualTo(body.get("response"));

        JsonNode turn = transcript(running).get(0);
        assertThat(turn.get("id").asString()).isEqualTo(body.get("turnId").asString());
        assertThat(turn.get("utterance").asString()).isEqualTo(body.get("heard").asString());
        JsonNode face = observation(turn, "FACE");
        JsonNode fused = observation(turn, "FUSED");
        assertThat(face.get("dominant").asString()).isEqualTo("happy");
        assertThat(fused.get("dominant").asString()).isEqualTo("positive");
        assertThat(turn.get("emotionWithheld").asBoolean()).isFalse();
        // the care library's answers to a patient who seems happy all smile back
        assertThat(body.get("response").get("face").asString()).isEqualTo("smile");
        assertThat(turn.get("response").get("face").asString()).isEqualTo("SMILE");
        assertThat(turn.get("answeredBy").get("kind").asString()).isEqualTo("CARE_LIBRARY");
        assertThat(turn.get("answeredBy").get("fallbackReason").asString()).isEqualTo("no language model is configured");
        assertThat(turn.get("latencyMillis").propertyNames()).contains("FACE_RECOGNITION", "SPEECH_RECOGNITION",
                "TEXT_CUES", "FUSION", "SAFETY", "REASONING", "SPEECH_SYNTHESIS", "FACE_ANIMATION", "MOTION_PLANNING");
    }

    private static JsonNode observation(JsonNode turn, String modality) {
        return turn.get("observations").valueStream().filter(o -> o.get("modality").asString().equals(modality))
                .findFirst().orElseThrow(() -> new AssertionError("no " + modality + " observation in " + turn));
    }

    @Test
    void theSameIdempotencyKeyTwice_takesOneTurn_evenWithANewBoundary() {
        Running running = running();
        String key = "turn-" + unique("k");

        Instant spoken = Instant.now().minusSeconds(4);

        Answer first = post(running, turn(speech, 1, spoken), key);
        Answer retry = post(running, turn(speech, 1, spoken), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("turnId")).isEqualTo(first.json().get("turnId"));
        assertThat(transcript(running)).hasSize(1);
    }

    @Test
    void aTurnsBodyBuffer_isGivenBackOnceTheContainerIsDoneWithTheRequest() {
        Running running = running();

        Answer answer = post(running, turn(speech, 2), "turn-" + unique("k"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        // the container tells its listeners after the answer is out: the robot may have it a moment before
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> forms.buffersKept() > 0);
    }

    @Test
    void aKeyedTurnsAnswer_isRememberedByItsTurn_andPreparedAgainTheSameForARetry() {
        Running running = running();
        String key = "turn-" + unique("k");
        Instant spoken = Instant.now().minusSeconds(4);

        Answer first = post(running, turn(speech, 2, spoken), key);
        Answer retry = post(running, turn(speech, 2, spoken), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json()); // the plan too: it is a function of the care response
        Map<String, Object> kept = jdbc.sql("select turn_id, body from idempotent_request where key = ?").param(key)
                .query().singleRow();
        assertThat(kept.get("turn_id")).hasToString(first.json().get("turnId").asString());
        assertThat(kept.get("body")).isNull();
    }

    @Test
    void aKeyedTurnsAnswer_isStreamedToTheRobotAsItIsWritten_notHeldToBeRemembered() {
        Running running = running();
        String key = "turn-" + unique("k");

        Answer first = post(running, turn(speech, 1), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        // a body held to be remembered is sent whole once the request ends, with its length; this one is sent as
        // it is serialised, in chunks, like an unkeyed turn's
        assertThat(first.header("Content-Length")).isNull();
        assertThat(first.json().get("plan").get("speech").get("sampleCount").asInt()).isPositive();
        Map<String, Object> kept = jdbc.sql("select status, content_type, body, turn_id from idempotent_request "
                + "where key = ?").param(key).query().singleRow();
        assertThat(kept.get("turn_id")).hasToString(first.json().get("turnId").asString());
        assertThat(kept.get("status")).as("answered by the turn, in its record: nothing else is kept").isNull();
        assertThat(kept.get("body")).isNull();
    }

    @Test
    void whenTheTurnIsRecorded_itsKeyIsAnsweredInTheSameUnit_andARetryRacingTheFirstRequestNeverTakesASecondTurn()
            throws Exception {
        Running running = running();
        String key = "turn-" + unique("k");
        Instant spoken = Instant.now().minusSeconds(4);
        UUID session = UUID.fromString(running.session());

        CompletableFuture<Answer> first = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> first.complete(post(running, turn(speech, 1, spoken), key)));
        while (jdbc.sql("select count(*) from idempotent_request where key = ?").param(key).query(Integer.class)
                .single() == 0 && !first.isDone()) {
            Thread.sleep(5); // the first request claims the key before its turn is taken
        }
        List<Answer> retries = new ArrayList<>();
        boolean turnSeenWithItsKeyUnanswered = false;
        while (!first.isDone()) {
            // what another instance sees, in one snapshot: never the turn while its key still reads in progress
            Map<String, Object> seen = jdbc.sql("""
                            select exists (select 1 from turn where session_id = ?) as recorded,
                                   exists (select 1 from idempotent_request where key = ? and turn_id is not null)
                                       as answered""")
                    .params(session, key).query().singleRow();
            turnSeenWithItsKeyUnanswered |= (Boolean) seen.get("recorded") && !(Boolean) seen.get("answered");
            retries.add(post(running, turn(speech, 1, spoken), key));
            Thread.sleep(20);
        }
        Answer answered = first.get(60, TimeUnit.SECONDS);
        retries.add(post(running, turn(speech, 1, spoken), key));

        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(turnSeenWithItsKeyUnanswered).isFalse();
        for (Answer retry : retries) {
            if (retry.status() == 409) {
                assertThat(retry.json().get("type").asString()).isEqualTo("urn:eecs:problem:idempotency-key-in-use");
            } else {
                assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
                assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(retry.json()).isEqualTo(answered.json());
            }
        }
        assertThat(retries.getLast().status()).isEqualTo(200);
        assertThat(transcript(running)).hasSize(1);
    }

    @Test
    void aKeyedTurnThatFails_givesItsKeyBack_andTheCorrectedRetryTakesTheTurn() {
        Running running = running();
        String key = "turn-" + unique("k");
        Instant spoken = Instant.now().minusSeconds(4);

        Answer failed = post(running, turn(Arrays.copyOf(speech, 2000), 0, spoken), key);
        Answer corrected = post(running, turn(speech, 0, spoken), key);

        assertThat(failed.status()).as(failed.toString()).isEqualTo(400);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
        assertThat(transcript(running)).hasSize(1);
    }

    @Test
    void theSameKeyWithOtherParts_is422_andTakesNoSecondTurn() {
        Running running = running();
        String key = "turn-" + unique("k");
        Instant spoken = Instant.now().minusSeconds(4);

        Answer first = post(running, turn(speech, 1, spoken), key);
        Answer other = post(running, turn(speech, 2, spoken), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).isEqualTo("urn:eecs:problem:idempotency-key-reused");
        assertThat(transcript(running)).hasSize(1);
    }

    @Test
    void aMultipartBodyThatCannotBeRead_is400_sayingWhatIsWrong_withOrWithoutAKey() {
        Running running = running();
        Multipart whole = turn(speech, 1);
        byte[] body = whole.bytes();
        byte[] cut = Arrays.copyOf(body, body.length - 200);
        String lfOnly = "--b\nContent-Disposition: form-data; name=\"utterance\"\n\n{}\n--b--\n";

        for (String key : Arrays.asList(null, "turn-" + unique("k"))) {
            Answer unclosed = postRaw(running, cut, whole.contentType(), key);
            Answer lf = postRaw(running, lfOnly.getBytes(), "multipart/form-data; boundary=b", key);
            Answer noBoundary = postRaw(running, body, "multipart/form-data", key);

            assertThat(unclosed.status()).as(unclosed.toString()).isEqualTo(400);
            assertThat(unclosed.json().get("type").asString()).isEqualTo("urn:eecs:problem:malformed-request");
            assertThat(unclosed.json().get("detail").asString()).isEqualTo("the multipart body could not be read: "
                    + "the body ends inside part 3, before its closing boundary (--boundary--)");
            assertThat(lf.status()).as(lf.toString()).isEqualTo(400);
            assertThat(lf.json().get("detail").asString()).contains("lines end in CRLF");
            assertThat(noBoundary.status()).as(noBoundary.toString()).isEqualTo(400);
            assertThat(noBoundary.json().get("detail").asString()).contains("must give a boundary");
        }
        assertThat(transcript(running)).isEmpty();
    }

    @Test
    void aPartThatIsNotATurns_orOneMissing_is400_andTooManyParts_413() {
        Running running = running();
        Multipart extra = turn(speech, 0).part("notes", "text/plain", "hello");
        Multipart twoAudios = turn(speech, 0).part("audio", "again.wav", "audio/wav", speech);
        Multipart noAudio = new Multipart().part("utterance", "application/json",
                "{\"startedAt\": \"2026-11-25T09:00:00Z\", \"endedAt\": \"2026-11-25T09:00:03Z\"}");
        Multipart tooMany = turn(speech, 0);
        for (int i = 0; i < 60; i++) {
            tooMany.part("frame", "f.jpg", "image/jpeg", new byte[] {1});
        }

        Answer unexpected = post(running, extra, "turn-" + unique("k"));
        Answer second = post(running, twoAudios, null);
        Answer missing = post(running, noAudio, null);
        Answer large = post(running, tooMany, "turn-" + unique("k"));

        assertThat(unexpected.status()).as(unexpected.toString()).isEqualTo(400);
        assertThat(unexpected.json().get("detail").asString()).isEqualTo(
                "a turn's parts are utterance, audio and frame; unexpected part \"notes\"");
        assertThat(second.status()).as(second.toString()).isEqualTo(400);
        assertThat(second.json().get("detail").asString()).isEqualTo("a turn has one audio part, got 2");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:eecs:problem:invalid-request");
        assertThat(large.status()).as(large.toString()).isEqualTo(413);
        assertThat(large.json().get("detail").asString()).isEqualTo("the body has more than 50 parts");
        assertThat(transcript(running)).isEmpty();
    }

    @Test
    void anUtterancePartThatIsNotJsonOfValidFields_isRefusedAsAnyJsonBody() {
        Running running = running();
        String valid = "{\"startedAt\": \"2026-11-25T09:00:00Z\", \"endedAt\": \"2026-11-25T09:00:03Z\"}";

        Answer text = post(running, utteranceAs("text/plain", valid), null);
        Answer malformed = post(running, utteranceAs("application/json", "{\"startedAt\": "), null);
        Answer invalid = post(running, utteranceAs("application/json", "{\"withholdEmotion\": true}"), null);
        Answer missing = post(running, new Multipart().part("audio", "u.wav", "audio/wav", speech), null);

        assertThat(text.status()).as(text.toString()).isEqualTo(415);
        assertThat(text.json().get("type").asString()).isEqualTo("urn:eecs:problem:unsupported-media-type");
        assertThat(text.header("Accept")).contains("application/json");
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("urn:eecs:problem:malformed-request");
        assertThat(malformed.json().get("detail").asString()).startsWith(
                "the request body could not be read as the expected JSON: it is not well-formed JSON");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.json().get("type").asString()).isEqualTo("urn:eecs:problem:invalid-request");
        assertThat(invalid.json().get("errors").valueStream().map(error -> error.get("field").asString() + " "
                + error.get("message").asString()))
                .containsExactlyInAnyOrder("startedAt must not be null", "endedAt must not be null");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("detail").asString()).isEqualTo("Required part 'utterance' is not present.");
        assertThat(transcript(running)).isEmpty();
    }

    private Multipart utteranceAs(String contentType, String utterance) {
        return new Multipart().part("utterance", contentType, utterance).part("audio", "u.wav", "audio/wav", speech);
    }

    @Test
    void theUtterancePart_isReadWithTheMapperSpringMvcReadsJsonBodiesWith() {
        assertThat(mvc.getMessageConverters().stream()
                .filter(converter -> converter.canRead(RobotApiController.UtteranceJson.class,
                        MediaType.APPLICATION_JSON))
                .findFirst().<Object>map(converter -> ((AbstractJacksonHttpMessageConverter<?>) converter).getMapper()))
                .as("TurnParts reads the robots' utterances with the application's JsonMapper").containsSame(jsonMapper);
    }

    @Test
    void aTurnSentWithoutALength_isCutOffAtTheLimit_as413() throws Exception {
        Running running = running();
        byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"u.wav\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/robot/sessions/" + running.session() + "/turns"))
                .header("Authorization", "Bearer " + running.token())
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new ByteArrayInputStream(head),
                        new ByteArrayInputStream(new byte[17 * 1024 * 1024])))) // chunked: no length
                .build();

        HttpResponse<String> answer;
        try (HttpClient http = HttpClient.newHttpClient()) {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("urn:eecs:problem:payload-too-large", "16777216 bytes");
    }

    private Answer postRaw(Running running, byte[] body, String contentType, String key) {
        Api.Call call = api.post("/api/v1/robot/sessions/" + running.session() + "/turns").token(running.token())
                .body(body, contentType);
        return key == null ? call.send() : call.header("Idempotency-Key", key).send();
    }

    @Test
    void aTokenSignedByAnUnknownKey_isRefused_evenAfterAValidOne() {
        Running running = running();
        for (int turn = 0; turn < 2; turn++) { // the second turn's token is the remembered verification
            Answer answer = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns")
                    .token(running.token()).json(textTurn("Hello there.")).send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
        String[] valid = running.token().split("\\.");
        String[] elsewhere = TestIssuer.robotFromAnotherIssuer(running.robot()).split("\\.");

        for (String forged : List.of(valid[0] + "." + valid[1] + "." + elsewhere[2],
                elsewhere[0] + "." + valid[1] + "." + elsewhere[2], String.join(".", elsewhere))) {
            Answer answer = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(forged)
                    .json(textTurn("Hello there.")).send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        }
        assertThat(transcript(running)).hasSize(2);
    }

    @Test
    void aTurnOnAnotherRobotsSession_is404_likeOneThatDoesNotExist() {
        Running mine = running();
        Running theirs = running();

        Answer answer = api.post("/api/v1/robot/sessions/" + theirs.session() + "/text-turns").token(mine.token())
                .json(textTurn("Hello there.")).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:eecs:problem:not-found");
        assertThat(transcript(theirs)).isEmpty();
    }

    @Test
    void aTurnAfterTheSessionWasCancelled_is409_sayingSo() {
        String robot = fixtures.registerRobot();
        String patient = fixtures.registerPatient(clinician, unique("Cancelled"));
        fixtures.grantConsent(clinician, patient);
        String session = fixtures.schedule(clinician, patient, robot);
        Answer cancelled = api.post("/api/v1/sessions/" + session + "/cancel").token(clinician)
                .json("{\"reason\": \"patient asleep\"}").send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

        Answer answer = api.post("/api/v1/robot/sessions/" + session + "/text-turns").token(TestIssuer.robot(robot))
                .json(textTurn("Hello there.")).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:eecs:problem:session-not-in-progress");
        assertThat(answer.json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(answer.json().get("endReason").asString()).isEqualTo("patient asleep");
    }

    @Test
    void consentWithdrawnMidSession_abortsIt_andTheRobotLearnsAtItsNextCall() {
        Running running = running();
        Answer before = api.get("/api/v1/robot/sessions").token(running.token()).send();
        assertThat(before.json().get("current").get("id").asString()).isEqualTo(running.session());
        assertThat(api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("I feel a bit lonely today.")).send().status()).isEqualTo(200);

        Answer withdrawn = api.post("/api/v1/patients/" + running.patient() + "/consents/withdrawal").token(clinician)
                .send();
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(201);

        Answer after = api.get("/api/v1/robot/sessions").token(running.token()).send();
        assertThat(after.json().get("current").isNull()).as(after.toString()).isTrue();
        Answer refused = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("Are you still there?")).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("state").asString()).isEqualTo("ABORTED");
        assertThat(refused.json().get("endReason").asString()).startsWith("consent withdrawn");
        assertThat(transcript(running)).hasSize(1);
    }

    @Test
    void consentToAudioTakenBackMidSession_refusesTurns_andTheRobotSeesWhenItIsGivenAgain() {
        Running running = running();
        assertThat(audioConsent(running)).isTrue();
        Answer narrowed = api.post("/api/v1/patients/" + running.patient() + "/consents").token(clinician)
                .json("{\"scopes\": [\"VIDEO_CAPTURE\"]}").send();
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(201);

        assertThat(audioConsent(running)).as("the robot sees it may not listen").isFalse();
        Answer refused = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns")
                .token(running.token()).json(textTurn("Hello again.")).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:eecs:problem:consent-required");

        fixtures.grantConsent(clinician, running.patient());
        assertThat(audioConsent(running)).as("and when it may again, in the same session").isTrue();
        assertThat(api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("Hello again.")).send().status()).isEqualTo(200);
    }

    private boolean audioConsent(Running running) {
        JsonNode current = api.get("/api/v1/robot/sessions").token(running.token()).send().json().get("current");
        assertThat(current.get("id").asString()).isEqualTo(running.session());
        return current.get("audioConsent").asBoolean();
    }

    @Test
    void aCorruptWav_is400_namingTheProblem() {
        Running running = running();
        byte[] corrupt = Arrays.copyOf(speech, 2000); // the header declares far more data than follows

        Answer answer = post(running, turn(corrupt, 0), null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:eecs:problem:unreadable-audio");
        assertThat(answer.json().get("detail").asString()).contains("truncated WAV");
        assertThat(post(running, turn("not a wav at all".getBytes(), 0), null).json().get("detail").asString())
                .contains("not a WAV");
        assertThat(transcript(running)).isEmpty();
    }

    @Test
    void framesWithoutTheirCaptureTimes_areRefused() {
        Running running = running();
        Instant start = Instant.now().minusSeconds(3);
        Multipart form = new Multipart().part("utterance", "application/json",
                "{\"startedAt\": \"%s\", \"endedAt\": \"%s\"}".formatted(start, start.plusSeconds(2)))
                .part("audio", "u.wav", "audio/wav", speech)
                .part("frame", "f.jpg", "image/jpeg", FaceImages.photo(SMILING));

        Answer answer = post(running, form, null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString()).contains("frameCapturedAt");
    }

    @Test
    void aTextTurn_andTheRobotsReportOfBargeIn_showInTheTranscript() {
        Running running = running();
        Answer answer = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("Why is everything so unfair to me?")).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String turnId = answer.json().get("turnId").asString();

        Answer bargeIn = api.post("/api/v1/robot/sessions/" + running.session() + "/turns/" + turnId + "/barge-in")
                .token(running.token()).json("{\"heardAfterMs\": 1830}").send();

        assertThat(bargeIn.status()).as(bargeIn.toString()).isEqualTo(204);
        JsonNode turn = transcript(running).get(0);
        assertThat(turn.get("utterance").asString()).isEqualTo("Why is everything so unfair to me?");
        assertThat(turn.get("interrupted").get("heardAfterMs").asLong()).isEqualTo(1830);
        assertThat(observation(turn, "SPEECH_TEXT").get("dominant").asString()).isEqualTo("anger");
        assertThat(turn.get("response").get("text").asString())
                .isEqualTo("I understand you. Let's address this together calmly.");
    }

    @Test
    void theCareTeamWatchesTheSessionLive_turnByTurn() throws Exception {
        Running running = running();
        api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("Good morning.")).send();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/sessions/" + running.session()
                                + "/live")).header("Authorization", "Bearer " + clinician).build(),
                HttpResponse.BodyHandlers.ofLines())
                // read on a thread of its own: the stream stays open (30 min), and a shared pool's worker blocked in
                // it would hold up every later test's asynchronous work (the common pool has one worker on 2 cores)
                .thenAcceptAsync(response -> response.body().forEach(lines::add),
                        reading -> Thread.ofPlatform().daemon().name("live-transcript-reader").start(reading));

        assertThat(nextData(lines)).contains("Good morning.");
        api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns").token(running.token())
                .json(textTurn("I slept badly.")).send();
        assertThat(nextData(lines)).contains("I slept badly.");

        Answer outsider = api.get("/api/v1/sessions/" + running.session() + "/live")
                .token(clinicianToken(unique("dr-outsider"))).send();
        assertThat(outsider.status()).isEqualTo(404);
    }

    private static String nextData(java.util.concurrent.BlockingQueue<String> lines) throws InterruptedException {
        for (String line; (line = lines.poll(60, java.util.concurrent.TimeUnit.SECONDS)) != null; ) {
            if (line.startsWith("data:")) {
                return line;
            }
        }
        throw new AssertionError("no event within a minute");
    }

    @Test
    void whenTheDatabaseCannotBeReached_aTurnIs503_andNothingOfItIsKept() throws SQLException {
        Running running = running();
        try {
            cutOffTheDatabase(true);
            Answer withKey = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns")
                    .token(running.token()).header("Idempotency-Key", unique("k")).json(textTurn("Hello?")).send();
            Answer withoutKey = api.post("/api/v1/robot/sessions/" + running.session() + "/text-turns")
                    .token(running.token()).json(textTurn("Hello?")).send();

            assertThat(withKey.status()).as(withKey.toString()).isEqualTo(503);
            assertThat(withoutKey.status()).as(withoutKey.toString()).isEqualTo(503);
            assertThat(withoutKey.json().get("type").asString()).isEqualTo("urn:eecs:problem:unavailable");
            assertThat(withoutKey.header("Retry-After")).isNotNull();
        } finally {
            cutOffTheDatabase(false);
        }
        assertThat(transcriptOnceTheRecordsAnswer(running)).isEmpty();
    }

    /**
     * The transcript, read as a client reads after an outage: a 503 says to send the request again shortly (the
     * first request after the database is back may meet a pooled connection its restart ended).
     */
    private JsonNode transcriptOnceTheRecordsAnswer(Running running) {
        for (int attempt = 1; ; attempt++) {
            Answer transcript = api.get("/api/v1/sessions/" + running.session() + "/transcript").token(clinician)
                    .send();
            if (transcript.status() != 503 || attempt == 5) {
                assertThat(transcript.status()).as(transcript.toString()).isEqualTo(200);
                return transcript.json().get("turns");
            }
        }
    }

    /** Refuses (or allows again) every new connection to the tests' database, and ends the open ones. */
    private static void cutOffTheDatabase(boolean cut) throws SQLException {
        TestDatabase.Server server = TestDatabase.server();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrlOf("template1"), server.username(),
                server.password()); Statement sql = admin.createStatement()) {
            String database = server.jdbcUrl().replaceFirst("jdbc:postgresql://[^/]+/([^?]*).*", "$1");
            sql.execute("alter database \"" + database + "\" allow_connections " + !cut);
            if (cut) {
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }
}
