package org.eecs.adapter.out.speech;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.TranscribeSpeech.TranscriptionFailed;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ASR through an OpenAI-compatible {@code POST /v1/audio/transcriptions} (OpenAI, vLLM, faster-whisper-server,
 * LocalAI...): a multipart form with {@code file} (the utterance as 16 kHz mono 16-bit WAV), {@code model},
 * {@code language} (ISO 639-1) and {@code response_format=json}, answered by {@code {"text": "..."}}.
 *
 * <p>The audio is decoded here first, so unreadable audio is refused without a network call and the server always
 * gets one well-formed format. A 5xx answer, a timeout or a refused connection is retried up to {@code retries}
 * times with exponential backoff (0.5 s, 1 s, 2 s...); a 4xx is not, since asking again would not change it.
 * Failures raise {@link TranscriptionFailed} naming the server's status and the start of its answer.
 */
final class OpenAiTranscription implements TranscribeSpeech {

    /** For Prometheus: calls that failed ({@code eecs.model.errors}, model speech-recognition). */
    private static final Counter FAILURES = Counter.builder("eecs.model.errors").tag("model", "speech-recognition")
            .register(Metrics.globalRegistry);

    private static final Logger log = LoggerFactory.getLogger(OpenAiTranscription.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Wavs wavs;
    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Duration timeout;
    private final int retries;
    private final Duration firstBackoff;
    private final HttpClient client;
    private final long maxBytes;

    OpenAiTranscription(Wavs wavs, SpeechProperties.OpenAi settings, long maxBytes) {
        this(wavs, settings, maxBytes, FIRST_BACKOFF);
    }

    OpenAiTranscription(Wavs wavs, SpeechProperties.OpenAi settings, long maxBytes, Duration firstBackoff) {
        if (settings.retries() < 0) {
            throw new IllegalArgumentException("eecs.speech.openai.retries must not be negative");
        }
        this.wavs = wavs;
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/v1/audio/transcriptions");
        this.model = settings.model();
        this.apiKey = settings.apiKey() == null || settings.apiKey().isBlank() ? null : settings.apiKey();
        this.timeout = settings.timeout();
        this.retries = settings.retries();
        this.firstBackoff = firstBackoff;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.maxBytes = maxBytes;
    }

    @Override
    public Transcript transcribe(SpeechAudio audio, Locale language) {
        PcmAudio pcm = wavs.decode(audio);
        return transcribe(WavWriter.wav(pcm), pcm.duration(), language);
    }

    /**
     * The transcription API takes whole files, so the pieces are gathered and sent when the patient stops; the
     * server's own speed is the tail.
     */
    @Override
    public Listening listen(Locale language) {
        return new Listening() {
            private final UtterancePieces pieces = new UtterancePieces(maxBytes);
            private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

            @Override
            public void hear(byte[] piece) {
                pieces.accept(piece);
                pcm.writeBytes(piece);
            }

            @Override
            public Transcript finish() {
                byte[] wav = WavWriter.wav(pcm.toByteArray(), SAMPLE_RATE, 1);
                return transcribe(wav, pieces.duration(), language);
            }

            @Override
            public void close() {
                pcm.reset();
            }
        };
    }

    private Transcript transcribe(byte[] wav, Duration duration, Locale language) {
        String boundary = "eecs-" + UUID.randomUUID();
        byte[] body = multipart(boundary, wav, language);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        String text;
        try {
            text = send(request.build());
        } catch (TranscriptionFailed failed) {
            FAILURES.increment();
            throw failed;
        }
        return new Transcript(text.strip(), new ModelRef(model, "openai-compatible"), duration);
    }

    private String send(HttpRequest request) {
        Duration backoff = firstBackoff;
        for (int attempt = 0; ; attempt++) {
            String failure;
            Exception cause = null;
            try {
                HttpResponse<String> response = client.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) {
                    return textOf(response);
                }
                failure = "transcription service at " + endpoint + " answered " + status + ": "
                        + excerpt(response.body());
                if (status < 500) {
                    throw new TranscriptionFailed(failure, null);
                }
            } catch (HttpTimeoutException e) {
                failure = "transcription service at " + endpoint + " did not answer within " + timeout;
                cause = e;
            } catch (ConnectException e) {
                failure = "transcription service at " + endpoint + " refused the connection";
                cause = e;
            } catch (IOException e) {
                failure = "transcription service at " + endpoint + " failed: " + e;
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TranscriptionFailed("interrupted while waiting for " + endpoint, e);
            }
            if (attempt >= retries) {
                throw new TranscriptionFailed(failure + (retries > 0 ? " (after " + (retries + 1) + " attempts)" : ""),
                        cause);
            }
            log.warn("{}; retrying in {} ms", failure, backoff.toMillis());
            sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    /**
     * The transcript in a 200 answer. An answer that is not the expected JSON is described by its content type and
     * length, never quoted (nor is the parser's message, which quotes it): it may hold what the patient said.
     */
    private String textOf(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException notJson) {
            throw new TranscriptionFailed("transcription service at " + endpoint + " answered 200 with no JSON ("
                    + response.headers().firstValue("Content-Type").orElse("no content type") + ", " + body.length()
                    + " characters)", null);
        }
        JsonNode text = json == null ? null : json.get("text");
        if (text == null || !text.isString()) {
            throw new TranscriptionFailed("transcription service at " + endpoint
                    + " answered JSON without a \"text\" string (" + body.length() + " characters)", null);
        }
        return text.asString();
    }

    private byte[] multipart(String boundary, byte[] wav, Locale language) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(wav.length + 1024);
        field(out, boundary, "model", model);
        if (language != null && !language.getLanguage().isEmpty()) {
            field(out, boundary, "language", language.getLanguage());
        }
        field(out, boundary, "response_format", "json");
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n");
        out.writeBytes(wav);
        write(out, "\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "(empty)" : flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionFailed("interrupted while backing off", e);
        }
    }
}
