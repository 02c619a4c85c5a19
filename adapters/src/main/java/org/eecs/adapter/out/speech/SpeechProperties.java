package org.eecs.adapter.out.speech;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eecs.speech.*}: which speech recognizer runs, and its settings.
 *
 * @param engine      {@code sphinx} (embedded CMU Sphinx4, the default) or {@code openai} (an OpenAI-compatible
 *                    {@code /v1/audio/transcriptions} endpoint, e.g. Whisper behind vLLM or faster-whisper-server)
 * @param maxWavBytes the largest WAV accepted, refused before it is decoded
 */
@ConfigurationProperties("eecs.speech")
record SpeechProperties(@DefaultValue("sphinx") Engine engine,
                        @DefaultValue("104857600") long maxWavBytes,
                        @DefaultValue Sphinx sphinx,
                        @DefaultValue OpenAi openai) {

    enum Engine { SPHINX, OPENAI }

    /**
     * Sphinx4's search settings (see {@link SphinxRecognizer}), and how many recognizers may decode at once (each
     * holds one utterance from its first piece to its end and retains about 150 MB).
     */
    record Sphinx(@DefaultValue("2") int recognizers,
                  @DefaultValue("" + SpeechConfiguration.ABSOLUTE_BEAM_WIDTH) int absoluteBeamWidth,
                  @DefaultValue("" + SpeechConfiguration.RELATIVE_BEAM_WIDTH) double relativeBeamWidth,
                  @DefaultValue("" + SpeechConfiguration.LANGUAGE_WEIGHT) double languageWeight) {
    }

    /**
     * @param baseUrl the server, without {@code /v1}
     * @param model   the model the server should use
     * @param apiKey  sent as a bearer token when set
     * @param timeout for one request, connection included
     * @param retries further attempts after a 5xx answer, a timeout or a lost connection (never after a 4xx)
     */
    record OpenAi(@DefaultValue("http://localhost:8000") URI baseUrl,
                  @DefaultValue("whisper-1") String model,
                  String apiKey,
                  @DefaultValue("60s") Duration timeout,
                  @DefaultValue("2") int retries) {
    }
}
