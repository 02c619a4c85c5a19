package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.adapter.out.recognition.face.FaceImages;
import org.eecs.adapter.out.speech.SpeechSamples;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.Multipart;
import org.eecs.testing.TestDatabase;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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

    /** A running session of a new patient (consenting to audio, video and emotion analysis) with a new robot. */
    private Running running() {
        String robot = fixtures.registerRobot();
        String patient = fixtures.registerPatient(clinician, unique("Turner"));
        fixtures.grantConsent(clinician, patient);
        String session = fixtures.schedule(clinician, patient, robot);
        fixtures.start(clinician, session);
        return new Running(robot, TestIssuer.robot(robot), patient, session);
    }

    private record Running(String robot, String token, String patient, String session) {
    }

    private static Multipart turn(byte[] wav, int frames) {
        Instant start = Instant.now().minusSeconds(4);
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
}
