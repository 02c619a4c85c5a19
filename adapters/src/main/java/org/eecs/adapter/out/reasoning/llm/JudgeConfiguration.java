package org.eecs.adapter.out.reasoning.llm;

import org.eecs.application.port.out.JudgeCareResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The evaluation's judge, when a language model is configured for it or for reasoning: temperature 0, its own
 * timeout, no retries of the client's own. Without one there is no judge, and an evaluation asked to judge is
 * refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JudgeProperties.class)
class JudgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JudgeConfiguration.class);

    @Bean
    @ConditionalOnExpression("'${eecs.evaluation.judge.provider:${eecs.reasoning.llm.provider:none}}'.toLowerCase()"
            + " != 'none'")
    JudgeCareResponses languageModelJudge(JudgeProperties judge, LanguageModelProperties reasoning) {
        LanguageModelJudge built = judge(judge.over(reasoning));
        log.info("Evaluation judge: {} ({}, {})", built.name(), JudgePrompt.VERSION, judge.timeout());
        return built;
    }

    static LanguageModelJudge judge(LanguageModelProperties settings) {
        return new LanguageModelJudge(settings.provider() == LanguageModelProperties.Provider.OLLAMA
                ? LanguageModelConfiguration.ollama(settings) : LanguageModelConfiguration.openAi(settings), settings);
    }
}
