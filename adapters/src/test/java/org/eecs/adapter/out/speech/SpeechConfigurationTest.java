package org.eecs.adapter.out.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.eecs.application.port.out.TranscribeSpeech;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SpeechConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SpeechConfiguration.class);

    @Test
    void sphinxIsTheDefaultAndIsNotLoadedAtStart() {
        runner.run(context -> {
            TranscribeSpeech speech = context.getBean(TranscribeSpeech.class);
            assertThat(speech).isInstanceOf(SphinxTranscription.class);
            assertThat(((SphinxTranscription) speech).loaded()).isFalse();
            SpeechProperties properties = context.getBean(SpeechProperties.class);
            assertThat(properties.maxWavBytes()).isEqualTo(100L * 1024 * 1024);
            assertThat(properties.sphinx().recognizers()).isEqualTo(2);
            assertThat(properties.sphinx().absoluteBeamWidth()).isEqualTo(2000);
            assertThat(properties.sphinx().relativeBeamWidth()).isEqualTo(1e-48);
            assertThat(properties.openai().timeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.openai().retries()).isEqualTo(2);
        });
    }

    @Test
    void openaiIsChosenByProperty() {
        runner.withPropertyValues("eecs.speech.engine=openai", "eecs.speech.openai.base-url=http://asr.local:9000",
                        "eecs.speech.openai.model=Systran/faster-whisper-small", "eecs.speech.openai.api-key=k",
                        "eecs.speech.openai.timeout=5s", "eecs.speech.openai.retries=4")
                .run(context -> {
                    assertThat(context.getBean(TranscribeSpeech.class)).isInstanceOf(OpenAiTranscription.class);
                    SpeechProperties.OpenAi openai = context.getBean(SpeechProperties.class).openai();
                    assertThat(openai.baseUrl()).isEqualTo(URI.create("http://asr.local:9000"));
                    assertThat(openai.model()).isEqualTo("Systran/faster-whisper-small");
                    assertThat(openai.apiKey()).isEqualTo("k");
                    assertThat(openai.timeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(openai.retries()).isEqualTo(4);
                });
    }

    @Test
    void anUnknownEngineFailsTheStart() {
        runner.withPropertyValues("eecs.speech.engine=whisper")
                .run(context -> assertThat(context).hasFailed());
    }
}
