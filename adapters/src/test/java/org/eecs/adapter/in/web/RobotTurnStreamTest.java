package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionException;
import org.eecs.adapter.out.recognition.face.FaceImages;
import org.eecs.adapter.out.speech.SpeechSamples;
import org.eecs.perception.audio.WavDecoder;
import org.eecs.testing.Api;
import org.eecs.testing.BackendMessages;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streamed turn over the WebSocket, as a robot streams it: audio pieces and frames while the patient speaks, the
 * end of speech, the answer; the same turn streamed again after a reconnection is answered once; barge-in.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobotTurnStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PIECE = 3200; // 100 ms of 16 kHz 16-bit mono

    @LocalServerPort int port;
    Api api;
    WebFixtures fixtures;
    String clinician;
    byte[] pcm;
    byte[] face;

    @BeforeAll
    void setUp() {
        api = Api.onPort(port);
        fixtures = new WebFixtures(api);
        clinician = clinicianToken(unique("dr-stream"));
        pcm = new WavDecoder().decode(SpeechSamples.espeak("Why is everything so unfair to me?")).toPcm16LittleEndian();
        face = FaceImages.photo("sample3-middle.jpg");
    }

    private String[] running() {
        String robot = fixtures.registerRobot();
        String patient = fixtures.registerPatient(clinician, unique("Streamer"));
        fixtures.grantConsent(clinician, patient);
        String session = fixtures.schedule(clinician, patient, robot);
        fixtures.start(clinician, session);
        return new String[] {robot, session};
    }

    @Test
    void aStreamedTurnIsAnsweredAtTheEndOfSpeech_once_andBargeInIsRecorded() throws Exception {
        String[] running = running();
        String key = "stream-" + unique("k");
        Instant start = Instant.now().minusSeconds(3);

        JsonNode answer;
        try (Robot robot = connect(running[0], running[1])) {
            answer = streamTurn(robot, key, start);
            assertThat(answer.get("type").asString()).as(answer.toString()).isEqualTo("answer");
            assertThat(answer.get("key").asString()).isEqualTo(key);
            assertThat(answer.get("plan").get("format").asString()).isEqualTo("eecs.performance-plan");

            robot.text("{\"type\": \"barge-in\", \"turnId\": \"" + answer.get("turnId").asString()
                    + "\", \"heardAfterMs\": 950}");
            assertThat(robot.next().get("type").asString()).isEqualTo("barge-in-recorded");
        }

        try (Robot reconnected = connect(running[0], running[1])) {
            JsonNode again = streamTurn(reconnected, key, start);
            assertThat(again.get("turnId")).isEqualTo(answer.get("turnId"));
            // prepared again from the turn's record, the answer is the first one
            assertThat(again).isEqualTo(answer);
        }

        JsonNode turns = api.get("/api/v1/sessions/" + running[1] + "/transcript").token(clinician).send().json()
                .get("turns");
        assertThat(turns).hasSize(1);
        JsonNode turn = turns.get(0);
        assertThat(turn.get("utterance").asString()).isEqualTo(answer.get("heard").asString());
        assertThat(turn.get("interrupted").get("heardAfterMs").asLong()).isEqualTo(950);
        assertThat(turn.get("observations").valueStream().map(o -> o.get("modality").asString()))
                .contains("FACE", "FUSED");
        assertThat(turn.get("latencyMillis").propertyNames()).contains("SPEECH_RECOGNITION", "FACE_RECOGNITION");
    }

    @Test
    void anAbandonedTurnLeavesNothing_andAudioWithoutATurnIsAProblem() throws Exception {
        String[] running = running();
        try (Robot robot = connect(running[0], running[1])) {
            robot.binary(audio(new byte[PIECE]));
            assertThat(robot.next().get("problem").get("type").asString()).isEqualTo("urn:eecs:problem:invalid-request");

            robot.text("{\"type\": \"start\", \"key\": \"k-" + unique("a") + "\", \"startedAt\": \"" + Instant.now() + "\"}");
            assertThat(robot.next().get("type").asString()).isEqualTo("started");
            robot.binary(audio(new byte[PIECE]));
            robot.text("{\"type\": \"abandon\"}");
            robot.text("{\"type\": \"end\", \"endedAt\": \"" + Instant.now() + "\"}");
            assertThat(robot.next().get("problem").get("detail").asString()).contains("send start first");
        }
        assertThat(api.get("/api/v1/sessions/" + running[1] + "/transcript").token(clinician).send().json()
                .get("turns")).isEmpty();
    }

    @Test
    void theUpgradeIsRefused_forAnotherRobotsSession_andWithoutAToken() {
        String[] mine = running();
        String[] theirs = running();

        assertThatThrownBy(() -> connect(mine[0], theirs[1])).cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri(mine[1]), new Robot()).join()).cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }

    private JsonNode streamTurn(Robot robot, String key, Instant start) throws Exception {
        robot.text("{\"type\": \"start\", \"key\": \"" + key + "\", \"startedAt\": \"" + start + "\"}");
        assertThat(robot.next().get("type").asString()).isEqualTo("started");
        int frames = 0;
        for (int offset = 0; offset < pcm.length; offset += PIECE) {
            byte[] piece = java.util.Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + PIECE));
            robot.binary(audio(piece));
            if (offset % (PIECE * 4) == 0 && frames < 8) {
                robot.binary(frame(start.plusMillis(400L * frames++), face));
            }
        }
        robot.text("{\"type\": \"end\", \"endedAt\": \"" + start.plusSeconds(3) + "\"}");
        return robot.next();
    }

    private static ByteBuffer audio(byte[] pcm) {
        return ByteBuffer.allocate(1 + pcm.length).put((byte) 0x01).put(pcm).flip();
    }

    private static ByteBuffer frame(Instant capturedAt, byte[] image) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, capturedAt);
        return ByteBuffer.allocate(1 + Long.BYTES + image.length).put((byte) 0x02).putLong(micros).put(image).flip();
    }

    private URI uri(String session) {
        return URI.create("ws://127.0.0.1:" + port + "/api/v1/robot/sessions/" + session + "/turn-stream");
    }

    private Robot connect(String robotId, String session) {
        Robot robot = new Robot();
        try {
            robot.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + TestIssuer.robot(robotId))
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri(session), robot).join();
        } catch (CompletionException failed) {
            throw failed;
        }
        return robot;
    }

    /** A robot's end of the connection: it sends, and collects what the backend says. */
    private static final class Robot extends BackendMessages implements AutoCloseable {

        WebSocket socket;

        void text(String message) {
            socket.sendText(message, true).join();
        }

        void binary(ByteBuffer message) {
            socket.sendBinary(message, true).join();
        }

        JsonNode next() throws InterruptedException {
            return JSON.readTree(next(Duration.ofMinutes(2)));
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
