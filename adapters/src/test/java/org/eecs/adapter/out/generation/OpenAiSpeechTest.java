package org.eecs.adapter.out.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eecs.application.port.out.SynthesizeSpeech.SynthesisFailed;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.Tone;
import org.eecs.domain.performance.Speech;
import org.eecs.perception.audio.WavWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against a local server speaking OpenAI's {@code POST /v1/audio/speech} protocol. */
class OpenAiSpeechTest {

    private record Answer(int status, String contentType, byte[] body) {
    }

    private record Request(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private HttpServer server;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), JsonMapper.builder().build().readTree(body)));
            Answer answer = answers.get(Math.min(received.size() - 1, answers.size() - 1));
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theTextAndTheTonesInstructionArePostedAndTheWavComesBackAs16kHzMono() {
        answers.add(new Answer(200, "audio/wav", stereoWav24kHz(48_000))); // 2 s, as OpenAI sends it
        OpenAiSpeech speech = speech("instructions", "sk-test", 0);

        Speech spoken = speech.synthesize("I am here with you.", Tone.GENTLE);

        assertThat(spoken.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spoken.samples()).hasSize(32_000);
        assertThat(spoken.words()).isEmpty();
        assertThat(spoken.voice().name()).isEqualTo("emoti-voice");
        Request request = received.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/audio/speech");
        assertThat(request.authorization()).isEqualTo("Bearer sk-test");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body().get("model").asString()).isEqualTo("emoti-voice");
        assertThat(request.body().get("input").asString()).isEqualTo("I am here with you.");
        assertThat(request.body().get("voice").asString()).isEqualTo("8051");
        assertThat(request.body().get("response_format").asString()).isEqualTo("wav");
        assertThat(request.body().get("instructions").asString())
                .isEqualTo("Speak gently and softly, a little slowly, with a kind voice.");
        assertThat(request.body().get("speed").asDouble()).isEqualTo(130.0 / 150.0);
    }

    @Test
    void emotiVoiceTakesTheToneInItsPromptField() {
        answers.add(new Answer(200, "audio/wav", stereoWav24kHz(2_400)));
        speech("prompt", null, 0).synthesize("Well done!", Tone.CHEERFUL);
        assertThat(received.getFirst().body().get("prompt").asString())
                .isEqualTo("Speak cheerfully and brightly, with a smile in your voice.");
        assertThat(received.getFirst().body().has("instructions")).isFalse();
        assertThat(received.getFirst().authorization()).isNull();
    }

    @Test
    void aServerErrorIsTriedAgainOnce() {
        answers.add(new Answer(503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8)));
        answers.add(new Answer(200, "audio/wav", stereoWav24kHz(2_400)));
        assertThat(speech("instructions", null, 1).synthesize("Hello.", Tone.NEUTRAL).samples()).hasSize(1_600);
        assertThat(received).hasSize(2);
    }

    @Test
    void aRefusalIsNotTriedAgainAndSaysWhatTheServerSaid() {
        answers.add(new Answer(400, "application/json", "{\"error\": \"unknown voice 8051\"}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> speech("instructions", null, 3).synthesize("Hello.", Tone.NEUTRAL))
                .isInstanceOf(SynthesisFailed.class)
                .hasMessageContaining("/v1/audio/speech answered 400: {\"error\": \"unknown voice 8051\"}");
        assertThat(received).hasSize(1);
    }

    @Test
    void anAnswerThatIsNoWavIsAClearFailure() {
        answers.add(new Answer(200, "audio/mpeg", new byte[] {(byte) 0xFF, (byte) 0xFB, 0x10, 0x00}));
        assertThatThrownBy(() -> speech("instructions", null, 0).synthesize("Hello.", Tone.NEUTRAL))
                .isInstanceOf(SynthesisFailed.class)
                .hasMessageContaining("answered no usable WAV: not a WAV: no RIFF/WAVE header");
    }

    @Test
    void anUnreachableServerIsAClearFailure() {
        server.stop(0);
        assertThatThrownBy(() -> speech("instructions", null, 0).synthesize("Hello.", Tone.NEUTRAL))
                .isInstanceOf(SynthesisFailed.class).hasMessageContaining("could not be reached");
    }

    @Test
    void badTextIsRefusedBeforeAnyRequest() {
        OpenAiSpeech speech = speech("instructions", null, 0);
        assertThatThrownBy(() -> speech.synthesize("", Tone.NEUTRAL)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> speech.synthesize("x".repeat(10_000), Tone.NEUTRAL))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("at most 2000 characters, got 10000");
        assertThat(received).isEmpty();
    }

    private OpenAiSpeech speech(String toneField, String apiKey, int retries) {
        return new OpenAiSpeech(Voice.FILES.prosody(), new GenerationProperties.OpenAi(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "emoti-voice", "8051",
                toneField, apiKey, Duration.ofSeconds(5), retries));
    }

    /** A 24 kHz stereo WAV of a 220 Hz tone. */
    private static byte[] stereoWav24kHz(int frames) {
        ByteBuffer pcm = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / 24_000.0));
            pcm.putShort(value).putShort(value);
        }
        return WavWriter.wav(pcm.array(), 24_000, 2);
    }
}
