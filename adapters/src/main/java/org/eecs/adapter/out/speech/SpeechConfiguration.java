package org.eecs.adapter.out.speech;

import org.eecs.application.port.out.TranscribeSpeech;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the speech recognizer: {@code eecs.speech.engine=sphinx} (default; loaded lazily on the first
 * transcription, so the application and its tests start without it) or {@code openai}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpeechProperties.class)
class SpeechConfiguration {

    static final int ABSOLUTE_BEAM_WIDTH = 2_000;
    static final double RELATIVE_BEAM_WIDTH = 1e-48;
    static final double LANGUAGE_WEIGHT = 8.0;

    private static final Logger log = LoggerFactory.getLogger(SpeechConfiguration.class);

    @Bean
    TranscribeSpeech transcribeSpeech(SpeechProperties properties) {
        Wavs wavs = new Wavs(properties.maxWavBytes());
        return switch (properties.engine()) {
            case SPHINX -> {
                SpeechProperties.Sphinx sphinx = properties.sphinx();
                log.info("Speech recognition: embedded Sphinx4 (US English), up to {} recognizers loaded as needed",
                        sphinx.recognizers());
                yield new SphinxTranscription(wavs, new SphinxRecognizers(() -> new SphinxRecognizer(
                        sphinx.absoluteBeamWidth(), sphinx.relativeBeamWidth(), sphinx.languageWeight()),
                        sphinx.recognizers()), properties.maxWavBytes());
            }
            case OPENAI -> {
                SpeechProperties.OpenAi openai = properties.openai();
                log.info("Speech recognition: OpenAI-compatible transcription at {} with model {}",
                        openai.baseUrl(), openai.model());
                yield new OpenAiTranscription(wavs, openai, properties.maxWavBytes());
            }
        };
    }

    /** Sphinx4 with the default search settings. */
    static SphinxRecognizer defaultSphinx() {
        return new SphinxRecognizer(ABSOLUTE_BEAM_WIDTH, RELATIVE_BEAM_WIDTH, LANGUAGE_WEIGHT);
    }
}
