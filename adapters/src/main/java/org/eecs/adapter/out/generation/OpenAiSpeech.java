package org.eecs.adapter.out.generation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.domain.Require;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.performance.Speech;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.UnreadableWav;
import org.eecs.perception.audio.WavDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emotional TTS through an OpenAI-compatible {@code POST /v1/audio/speech} (OpenAI, EmotiVoice's OpenAI-style
 * server, LocalAI...): a JSON body with {@code model}, {@code input}, {@code voice}, {@code response_format=wav},
 * {@code speed} (the tone's rate over the neutral rate) and the tone's instruction from the prosody table in the
 * configured field ({@code instructions} for OpenAI, {@code prompt} for EmotiVoice), answered by the audio itself.
 *
 * <p>The answer may come at any rate from 8 to 48 kHz, mono or stereo (OpenAI sends 24 kHz, with an unknown data
 * length when streamed): perception's {@link WavDecoder} turns it into 16 kHz mono. This endpoint gives no word
 * timings, so the face follows the audio alone. A 5xx answer, a timeout or a lost connection is tried again up to
 * {@code retries} times at once (a turn waits for it, so there is no backoff); a 4xx is not.
 */
final class OpenAiSpeech implements SynthesizeSpeech {

    /** For Prometheus: calls that failed ({@code eecs.model.errors}, model speech-synthesis). */
    private static final Counter FAILURES = Counter.builder("eecs.model.errors").tag("model", "speech-synthesis")
            .register(Metrics.globalRegistry);

    private static final Logger log = LoggerFactory.getLogger(OpenAiSpeech.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProsodyTable prosody;
    private final GenerationProperties.OpenAi settings;
    private final URI endpoint;
    private final ModelRef model;
    private final HttpClient client;
    private final WavDecoder decoder = new WavDecoder();

    OpenAiSpeech(ProsodyTable prosody, GenerationProperties.OpenAi settings) {
        if (settings.retries() < 0) {
            throw new IllegalArgumentException("eecs.generation.speech.openai.retries must not be negative");
        }
        this.prosody = prosody;
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/v1/audio/speech");
        this.model = new ModelRef(settings.model(), "openai-compatible voice " + settings.voice());
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public Speech synthesize(String text, Tone tone) {
        Require.text("text to speak", text, MAX_TEXT_LENGTH);
        ProsodyTable.Prosody sound = prosody.of(tone);
        ObjectNode body = JSON.createObjectNode()
                .put("model", settings.model())
                .put("input", text)
                .put("voice", settings.voice())
                .put("response_format", "wav")
                .put("speed", sound.wordsPerMinute() / prosody.of(Tone.NEUTRAL).wordsPerMinute());
        if (!settings.toneField().isBlank()) {
            body.put(settings.toneField(), sound.instruction());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "audio/wav")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        try {
            return speech(answer(request.build()));
        } catch (SynthesisFailed failed) {
            FAILURES.increment();
            throw failed;
        }
    }

    private byte[] answer(HttpRequest request) {
        for (int attempt = 0; ; attempt++) {
            String failure;
            Exception cause;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                failure = "speech service at " + endpoint + " answered " + response.statusCode() + ": "
                        + excerpt(new String(response.body(), StandardCharsets.UTF_8));
                cause = null;
                if (response.statusCode() < 500) {
                    throw new SynthesisFailed(failure, null);
                }
            } catch (HttpTimeoutException e) {
                failure = "speech service at " + endpoint + " did not answer within " + settings.timeout();
                cause = e;
            } catch (IOException e) {
                failure = "speech service at " + endpoint + " could not be reached: " + e;
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SynthesisFailed("interrupted while waiting for " + endpoint, e);
            }
            if (attempt >= settings.retries()) {
                throw new SynthesisFailed(failure + " (" + (attempt + 1) + " attempts)", cause);
            }
            log.warn("{}; trying again", failure);
        }
    }

    private Speech speech(byte[] wav) {
        PcmAudio audio;
        try {
            audio = decoder.decode(wav);
        } catch (UnreadableWav e) {
            throw new SynthesisFailed("speech service at " + endpoint + " answered no usable WAV: " + e.getMessage(), e);
        }
        float[] samples = audio.samples();
        short[] pcm = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = (short) Math.clamp(Math.round(samples[i] * 32768f), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return new Speech(pcm, List.of(), List.of(), model);
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "(empty)" : flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
