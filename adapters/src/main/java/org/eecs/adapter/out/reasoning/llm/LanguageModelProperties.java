package org.eecs.adapter.out.reasoning.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eecs.reasoning.llm.*}: the language model behind the care prompt (docs/reasoning.md).
 *
 * @param provider       {@code none} (the default: the care library answers), {@code openai} (any OpenAI-compatible
 *                       chat-completions API: vLLM, OpenAI, LocalAI...) or {@code ollama}
 * @param baseUrl        the API's base: for openai up to and including {@code /v1} (vLLM: http://localhost:8000/v1);
 *                       for ollama the server (http://localhost:11434); empty for the provider's local default
 * @param model          the served model, e.g. {@code Qwen/Qwen2.5-14B-Instruct} (vLLM) or {@code qwen2.5:14b}
 *                       (Ollama); empty for that default of the provider
 * @param apiKey         sent as a bearer token (openai only); never logged
 * @param timeout        the most one answer may take, its repair attempt included; then the care library answers
 * @param temperature    sampling temperature
 * @param maxTokens      the most tokens of one answer
 * @param responseFormat {@code json-schema} (the vocabularies as enums in a JSON schema; vLLM, OpenAI and Ollama
 *                       support it) or {@code json-object} (plain JSON mode, for servers without schemas)
 * @param recentTurns    how many of the session's latest exchanges the prompt quotes
 */
@ConfigurationProperties("eecs.reasoning.llm")
record LanguageModelProperties(@DefaultValue("none") Provider provider,
                               String baseUrl,
                               String model,
                               String apiKey,
                               @DefaultValue("20s") Duration timeout,
                               @DefaultValue("0.4") double temperature,
                               @DefaultValue("300") int maxTokens,
                               @DefaultValue("json-schema") ResponseFormat responseFormat,
                               @DefaultValue("6") int recentTurns) {

    enum Provider { NONE, OPENAI, OLLAMA }

    enum ResponseFormat { JSON_SCHEMA, JSON_OBJECT }

    LanguageModelProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("eecs.reasoning.llm.timeout must be positive, got " + timeout);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("eecs.reasoning.llm.temperature must be from 0 to 2, got " + temperature);
        }
        if (maxTokens < 16) {
            throw new IllegalArgumentException("eecs.reasoning.llm.max-tokens must be at least 16, got " + maxTokens);
        }
        if (recentTurns < 0 || recentTurns > 50) {
            throw new IllegalArgumentException("eecs.reasoning.llm.recent-turns must be from 0 to 50, got "
                    + recentTurns);
        }
    }

    String baseUrlOrDefault() {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl.strip().replaceAll("/+$", "");
        }
        return provider == Provider.OLLAMA ? "http://localhost:11434" : "http://localhost:8000/v1";
    }

    String modelOrDefault() {
        if (model != null && !model.isBlank()) {
            return model.strip();
        }
        return provider == Provider.OLLAMA ? "qwen2.5:14b" : "Qwen/Qwen2.5-14B-Instruct";
    }
}
