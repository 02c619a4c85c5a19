package org.eecs.adapter.out.recognition.text;

import org.eecs.application.port.out.RecognizeTextCues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The text cues the application uses: all-MiniLM-L6-v2 against the bundled exemplars, with the defaults of
 * {@link SentenceEmbeddingTextCues.Settings#DEFAULTS}. Creating the bean loads nothing; the model and the exemplar
 * embeddings are loaded on the first transcript, so the application starts as fast as without it.
 */
@Configuration(proxyBeanMethods = false)
class TextCueConfiguration {

    @Bean
    RecognizeTextCues recognizeTextCues() {
        return SentenceEmbeddingTextCues.withBundledExemplars();
    }
}
