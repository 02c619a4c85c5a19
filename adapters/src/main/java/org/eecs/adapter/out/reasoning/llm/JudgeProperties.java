package org.eecs.adapter.out.reasoning.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eecs.evaluation.judge.*}: the language model that judges the evaluation's answers (docs/evaluation.md).
 * Whatever is not set here is the reasoning's language model ({@code eecs.reasoning.llm.*}): by default the judge is
 * the model that answers, reached the same way; set another to keep a model from judging its own answers.
 *
 * @param timeout the most one call may take (a judgement may take two: the answer and its repair)
 */
@ConfigurationProperties("eecs.evaluation.judge")
record JudgeProperties(LanguageModelProperties.Provider provider,
                       String baseUrl,
                       String model,
                       String apiKey,
                       @DefaultValue("60s") Duration timeout,
                       LanguageModelProperties.ResponseFormat responseFormat) {

    /** The judge's own settings, each taken from the reasoning's language model where not given. */
    LanguageModelProperties over(LanguageModelProperties reasoning) {
        LanguageModelProperties.Provider chosen = provider == null ? reasoning.provider() : provider;
        boolean sameServer = chosen == reasoning.provider();
        return new LanguageModelProperties(chosen,
                given(baseUrl) ? baseUrl : sameServer ? reasoning.baseUrl() : null,
                given(model) ? model : sameServer ? reasoning.model() : null,
                given(apiKey) ? apiKey : sameServer ? reasoning.apiKey() : null,
                timeout, 0.0, 400,
                responseFormat == null ? reasoning.responseFormat() : responseFormat, 0);
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
