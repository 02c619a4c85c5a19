package org.eecs.adapter.out.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech.TranscriptionFailed;
import org.eecs.application.port.out.TranscribeSpeech.Transcript;
import org.eecs.application.port.out.TranscribeSpeech.UnreadableAudio;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavDecoder;
import org.eecs.perception.audio.WavWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local server speaking OpenAI's {@code /v1/audio/transcriptions} protocol. */
class OpenAiTranscriptionTest {

    /** What the server does with each request, in turn; the last one repeats. */
    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private HttpServer server;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();

    private record Request(String method, String path, String authorization, String contentType,
                           Map<String, Part> parts) {
    }

    private record Part(String filename, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = requests.getAndIncrement();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), contentType,
                    parse(contentType, body)));
            answers.get(Math.min(n, answers.size() - 1)).answer(exchange);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theUtteranceIsPostedAsAMultipartFormAndItsTextReturned() {
        answers.add(json(200, "{\"text\": \" I feel a bit lonely today. \"}"));
        byte[] wav = WavWriter.wav(sinePcm(44_100, 2, 0.5), 44_100, 2);

        Transcript transcript = adapter("secret-key", 2).transcribe(new SpeechAudio(wav), Locale.GERMANY);

        assertThat(transcript.text()).isEqualTo("I feel a bit lonely today.");
        assertThat(transcript.model().name()).isEqualTo("whisper-large-v3");
        assertThat(transcript.audioDuration()).isEqualTo(Duration.ofMillis(500));
        Request request = received.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(request.authorization()).isEqualTo("Bearer secret-key");
        assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(request.parts()).containsOnlyKeys("file", "model", "language", "response_format");
        assertThat(request.parts().get("model").text()).isEqualTo("whisper-large-v3");
        assertThat(request.parts().get("language").text()).isEqualTo("de");
        assertThat(request.parts().get("response_format").text()).isEqualTo("json");
        Part file = request.parts().get("file");
        assertThat(file.filename()).isEqualTo("speech.wav");
        assertThat(file.contentType()).isEqualTo("audio/wav");
        PcmAudio sent = new WavDecoder().decode(file.body());
        assertThat(sent.sampleRate()).isEqualTo(16_000);
        assertThat(sent.length()).isEqualTo(8000);
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() {
        answers.add(json(200, "{\"text\": \"\"}"));

        Transcript transcript = adapter(null, 0).transcribe(new SpeechAudio(wav()), Locale.ENGLISH);

        assertThat(transcript.text()).isEmpty();
        assertThat(received.getFirst().authorization()).isNull();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        answers.add(json(503, "{\"error\": \"loading model\"}"));
        answers.add(json(500, "oops"));
        answers.add(json(200, "{\"text\": \"hello\"}"));

        assertThat(adapter(null, 2).transcribe(new SpeechAudio(wav()), Locale.ENGLISH).text()).isEqualTo("hello");
        assertThat(requests).hasValue(3);
    }

    @Test
    void persistentServerErrorsFailAfterTheLastRetryNamingTheStatus() {
        answers.add(json(502, "<html>Bad Gateway</html>"));

        assertThatThrownBy(() -> adapter(null, 2).transcribe(new SpeechAudio(wav()), Locale.ENGLISH))
                .isInstanceOf(TranscriptionFailed.class)
                .hasMessageContaining("answered 502").hasMessageContaining("Bad Gateway")
                .hasMessageContaining("after 3 attempts");
        assertThat(requests).hasValue(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        answers.add(json(401, "{\"error\": {\"message\": \"Incorrect API key provided\"}}"));

        assertThatThrownBy(() -> adapter("wrong", 3).transcribe(new SpeechAudio(wav()), Locale.ENGLISH))
                .isInstanceOf(TranscriptionFailed.class)
                .hasMessageContaining("answered 401").hasMessageContaining("Incorrect API key");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aSlowServerTimesOutAndIsRetried() {
        answers.add(exchange -> {
            sleep(2000);
            json(200, "{\"text\": \"too late\"}").answer(exchange);
        });
        answers.add(json(200, "{\"text\": \"in time\"}"));

        OpenAiTranscription adapter = new OpenAiTranscription(new Wavs(1_000_000), new SpeechProperties.OpenAi(
                baseUrl(), "whisper-large-v3", null, Duration.ofMillis(300), 1), 1_000_000, Duration.ofMillis(10));

        assertThat(adapter.transcribe(new SpeechAudio(wav()), Locale.ENGLISH).text()).isEqualTo("in time");
    }

    @Test
    void aServerThatNeverAnswersInTimeFailsNamingTheTimeout() {
        answers.add(exchange -> {
            sleep(2000);
            json(200, "{}").answer(exchange);
        });
        OpenAiTranscription adapter = new OpenAiTranscription(new Wavs(1_000_000), new SpeechProperties.OpenAi(
                baseUrl(), "m", null, Duration.ofMillis(200), 1), 1_000_000, Duration.ofMillis(10));

        assertThatThrownBy(() -> adapter.transcribe(new SpeechAudio(wav()), Locale.ENGLISH))
                .isInstanceOf(TranscriptionFailed.class)
                .hasMessageContaining("did not answer within PT0.2S").hasMessageContaining("after 2 attempts");
    }

    @Test
    void garbageAnswersAreNamedByStatusAndContentType_neverQuoted() {
        // what a server answers in place of a transcript may be the patient's words: never in a message or a log
        answers.add(exchange -> {
            byte[] bytes = "I keep thinking about my diagnosis".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        });
        assertThatThrownBy(() -> adapter(null, 0).transcribe(new SpeechAudio(wav()), Locale.ENGLISH))
                .isInstanceOf(TranscriptionFailed.class)
                .hasMessageContaining("answered 200 with no JSON (text/plain; charset=utf-8, 34 characters)")
                .hasNoCause()
                .satisfies(failed -> assertThat(failed.toString()).doesNotContain("diagnosis"));

        answers.clear();
        answers.add(json(200, "{\"transcript\": \"wrong field\"}"));
        assertThatThrownBy(() -> adapter(null, 0).transcribe(new SpeechAudio(wav()), Locale.ENGLISH))
                .isInstanceOf(TranscriptionFailed.class)
                .hasMessageContaining("without a \"text\" string");
    }

    @Test
    void aServerThatIsNotThereIsNamed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OpenAiTranscription adapter = new OpenAiTranscription(new Wavs(1_000_000), new SpeechProperties.OpenAi(
                URI.create("http://127.0.0.1:" + port), "m", null, Duration.ofSeconds(2), 1), 1_000_000,
                Duration.ofMillis(10));

        assertThatThrownBy(() -> adapter.transcribe(new SpeechAudio(wav()), Locale.ENGLISH))
                .isInstanceOf(TranscriptionFailed.class)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("after 2 attempts");
    }

    @Test
    void unreadableAudioIsRefusedWithoutAskingTheServer() {
        answers.add(json(200, "{\"text\": \"never\"}"));

        assertThatThrownBy(() -> adapter(null, 0).transcribe(new SpeechAudio("not audio".getBytes()), Locale.ENGLISH))
                .isInstanceOf(UnreadableAudio.class).hasMessageContaining("not a WAV");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aStreamedUtteranceIsGatheredAndPostedAsOneWavWhenThePatientStops() {
        answers.add(json(200, "{\"text\": \"please call the nurse\"}"));
        byte[] pcm = sinePcm(16_000, 1, 0.75);

        Transcript transcript;
        try (var listening = adapter(null, 0).listen(Locale.ENGLISH)) {
            for (int at = 0; at < pcm.length; at += 3200) {
                listening.hear(java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 3200)));
            }
            assertThat(requests).as("nothing is sent while the patient speaks").hasValue(0);
            transcript = listening.finish();
        }

        assertThat(transcript.text()).isEqualTo("please call the nurse");
        assertThat(transcript.audioDuration()).isEqualTo(Duration.ofMillis(750));
        PcmAudio sent = new WavDecoder().decode(received.getFirst().parts().get("file").body());
        assertThat(sent.toPcm16LittleEndian()).isEqualTo(pcm);
    }

    @Test
    void aStreamedPieceOfHalfASampleOrBeyondTheLimitIsRefusedByName() {
        var listening = new OpenAiTranscription(new Wavs(1_000_000), new SpeechProperties.OpenAi(baseUrl(), "m", null,
                Duration.ofSeconds(5), 0), 64_000, Duration.ofMillis(10)).listen(Locale.ENGLISH);

        assertThatThrownBy(() -> listening.hear(new byte[3]))
                .isInstanceOf(UnreadableAudio.class).hasMessageContaining("even number of bytes; got 3");
        listening.hear(new byte[64_000]);
        assertThatThrownBy(() -> listening.hear(new byte[2]))
                .isInstanceOf(UnreadableAudio.class).hasMessageContaining("longer than the 64000 bytes accepted (2 s");
        listening.close();
        assertThat(requests).hasValue(0);
    }

    private OpenAiTranscription adapter(String key, int retries) {
        return new OpenAiTranscription(new Wavs(1_000_000), new SpeechProperties.OpenAi(baseUrl(),
                "whisper-large-v3", key, Duration.ofSeconds(5), retries), 1_000_000, Duration.ofMillis(10));
    }

    private URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static Answer json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    private static byte[] wav() {
        return WavWriter.wav(sinePcm(16_000, 1, 0.25), 16_000, 1);
    }

    private static byte[] sinePcm(int rate, int channels, double seconds) {
        int frames = (int) (rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0, p = 0; i < frames; i++) {
            int s = (int) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            for (int c = 0; c < channels; c++) {
                pcm[p++] = (byte) s;
                pcm[p++] = (byte) (s >> 8);
            }
        }
        return pcm;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A strict reading of multipart/form-data: CRLF line ends, one Content-Disposition per part. */
    private static Map<String, Part> parse(String contentType, byte[] body) {
        Map<String, Part> parts = new LinkedHashMap<>();
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            return parts;
        }
        String boundary = "--" + contentType.substring("multipart/form-data; boundary=".length());
        String latin = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(latin).startsWith(boundary + "\r\n").endsWith(boundary + "--\r\n");
        String[] chunks = latin.substring(0, latin.length() - (boundary + "--\r\n").length())
                .split(Pattern.quote(boundary + "\r\n"));
        for (String chunk : chunks) {
            if (chunk.isEmpty()) {
                continue;
            }
            int headerEnd = chunk.indexOf("\r\n\r\n");
            String headers = chunk.substring(0, headerEnd);
            String content = chunk.substring(headerEnd + 4);
            assertThat(content).endsWith("\r\n");
            content = content.substring(0, content.length() - 2);
            Matcher name = Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"(?:; filename=\"([^\"]+)\")?")
                    .matcher(headers);
            assertThat(name.find()).as("Content-Disposition in %s", headers).isTrue();
            Matcher type = Pattern.compile("Content-Type: (\\S+)").matcher(headers);
            parts.put(name.group(1), new Part(name.group(2), type.find() ? type.group(1) : null,
                    content.getBytes(StandardCharsets.ISO_8859_1)));
        }
        return parts;
    }
}
