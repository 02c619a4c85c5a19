package org.eecs.adapter.out.reasoning.llm;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.eecs.application.port.out.ReasonAboutCare;
import org.eecs.application.reasoning.ResponseGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The language model, wired by hand (LangChain4j's Spring starters are for Boot 3): with
 * {@code eecs.reasoning.llm.provider=openai} an {@link OpenAiChatModel}, with {@code ollama} an
 * {@link OllamaChatModel}, each with the configured base URL, model, timeout, temperature and token limit and no
 * retries of its own (a slow answer is replaced, not awaited twice); with {@code none} (the default) no language
 * model at all, and the care library answers every turn.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LanguageModelProperties.class)
class LanguageModelConfiguration {

    /** The qualifier of the language model among the {@link ReasonAboutCare} beans. */
    static final String LANGUAGE_MODEL = "languageModel";

    private static final Logger log = LoggerFactory.getLogger(LanguageModelConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "eecs.reasoning.llm.provider", havingValue = "openai")
    ChatModel openAiChatModel(LanguageModelProperties settings) {
        return openAi(settings);
    }

    @Bean
    @ConditionalOnProperty(name = "eecs.reasoning.llm.provider", havingValue = "ollama")
    ChatModel ollamaChatModel(LanguageModelProperties settings) {
        return ollama(settings);
    }

    @Bean(LANGUAGE_MODEL)
    @ConditionalOnExpression("'${eecs.reasoning.llm.provider:none}'.toLowerCase() != 'none'")
    ReasonAboutCare languageModel(ChatModel model, LanguageModelProperties settings,
                                  @Value("${eecs.reasoning.guard.max-length:" + ResponseGuard.DEFAULT_MAX_LENGTH + "}")
                                  int maxLength) {
        LanguageModelReasoning reasoning = reasoning(model, settings, maxLength);
        log.info("Reasoning: {} at {} with prompt {}, timeout {}", reasoning.reasoner().name(),
                settings.baseUrlOrDefault(), CarePrompt.VERSION, settings.timeout());
        return reasoning;
    }

    /** @param maxLength the longest reply the output guard lets through, which the prompt asks the model to keep to */
    static LanguageModelReasoning reasoning(ChatModel model, LanguageModelProperties settings, int maxLength) {
        return new LanguageModelReasoning(model, new CarePrompt(maxLength, settings.recentTurns()), settings);
    }

    static ChatModel openAi(LanguageModelProperties settings) {
        return OpenAiChatModel.builder()
                .baseUrl(settings.baseUrlOrDefault())
                .apiKey(settings.apiKey() == null || settings.apiKey().isBlank() ? "none" : settings.apiKey())
                .modelName(settings.modelOrDefault())
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .strictJsonSchema(true)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
    }

    static ChatModel ollama(LanguageModelProperties settings) {
        return OllamaChatModel.builder()
                .baseUrl(settings.baseUrlOrDefault())
                .modelName(settings.modelOrDefault())
                .temperature(settings.temperature())
                .numPredict(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
    }
}
