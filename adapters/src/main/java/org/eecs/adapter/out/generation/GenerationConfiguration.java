package org.eecs.adapter.out.generation;

import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.RobotProfile;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.domain.care.RobotAbilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Generation layer's engines, all from the robot's three files (read and checked at start): the robot profile
 * (what reasoning may offer), speech ({@code eecs.generation.speech.engine}: {@code freetts} by default, voice
 * loaded once at start, or {@code openai}), the face animator and the motion planner.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GenerationProperties.class)
class GenerationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GenerationConfiguration.class);

    @Bean
    GenerationFiles generationFiles(GenerationProperties properties) {
        GenerationFiles files = GenerationFiles.read(properties.robotProfile(), properties.motionLibrary(),
                properties.prosodyTable());
        RobotAbilities abilities = files.abilities();
        log.info("Robot profile {}: tones {}, expressions {}, motions {}", files.profile(), abilities.tones(),
                abilities.faces(), abilities.motions());
        return files;
    }

    @Bean
    RobotProfile robotProfile(GenerationFiles files) {
        RobotAbilities abilities = files.abilities();
        return () -> abilities;
    }

    @Bean
    SynthesizeSpeech synthesizeSpeech(GenerationProperties properties, GenerationFiles files) {
        return switch (properties.speech().engine()) {
            case FREETTS -> {
                long start = System.nanoTime();
                FreeTtsSpeech speech = new FreeTtsSpeech(files.prosody());
                log.info("Speech synthesis: embedded FreeTTS {}, loaded in {} ms", FreeTtsSpeech.VOICE,
                        (System.nanoTime() - start) / 1_000_000);
                yield speech;
            }
            case OPENAI -> {
                GenerationProperties.OpenAi openai = properties.speech().openai();
                log.info("Speech synthesis: OpenAI-compatible speech at {} with model {}, voice {}",
                        openai.baseUrl(), openai.model(), openai.voice());
                yield new OpenAiSpeech(files.prosody(), openai);
            }
        };
    }

    @Bean
    AnimateFace animateFace(GenerationFiles files) {
        return new AudioDrivenFace(files.profile());
    }

    @Bean
    PlanMotion planMotion(GenerationFiles files) {
        return new MinimumJerkMotion(files.profile(), files.motions());
    }
}
