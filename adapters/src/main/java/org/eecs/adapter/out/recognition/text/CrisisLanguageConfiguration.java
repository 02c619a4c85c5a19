package org.eecs.adapter.out.recognition.text;

import org.eecs.application.port.out.RecognizeCrisis;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Crisis detection on the bundled crisis language, read and checked at start (a mistake in the file stops the
 * server); all-MiniLM-L6-v2 is loaded on the first statement that no rule decides.
 */
@Configuration(proxyBeanMethods = false)
class CrisisLanguageConfiguration {

    @Bean
    RecognizeCrisis recognizeCrisis(
            @Value("${eecs.safety.crisis.similarity-threshold:" + 0.60 + "}") double threshold,
            @Value("${eecs.safety.crisis.similarity-margin:" + 0.05 + "}") double margin) {
        return new CrisisLanguageDetector(CrisisLanguage.bundled(), MiniLmL6V2::load,
                new CrisisLanguageDetector.Settings(threshold, margin));
    }
}
