package org.eecs.adapter.out.reasoning.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.eecs.application.port.out.ReasonAboutCare;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which language model the configuration wires, from {@code eecs.reasoning.llm.*} alone. */
class LanguageModelConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(LanguageModelConfiguration.class);

    @Test
    void byDefaultThereIsNoLanguageModel() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started).doesNotHaveBean(ChatModel.class);
            assertThat(started).doesNotHaveBean(ReasonAboutCare.class);
        });
    }

    @Test
    void openAiCompatible() {
        context.withPropertyValues("eecs.reasoning.llm.provider=openai",
                        "eecs.reasoning.llm.base-url=http://vllm.ward:8000/v1")
                .run(started -> {
                    assertThat(started).getBean(ChatModel.class).isInstanceOf(OpenAiChatModel.class);
                    assertThat(((LanguageModelReasoning) started.getBean(LanguageModelConfiguration.LANGUAGE_MODEL))
                            .reasoner().name()).isEqualTo("openai Qwen/Qwen2.5-14B-Instruct");
                });
    }

    @Test
    void ollama_inAnyCase() {
        context.withPropertyValues("eecs.reasoning.llm.provider=OLLAMA", "eecs.reasoning.llm.model=qwen2.5:7b")
                .run(started -> {
                    assertThat(started).getBean(ChatModel.class).isInstanceOf(OllamaChatModel.class);
                    assertThat(((LanguageModelReasoning) started.getBean(LanguageModelConfiguration.LANGUAGE_MODEL))
                            .reasoner().name()).isEqualTo("ollama qwen2.5:7b");
                });
    }

    @Test
    void anUnknownProviderOrABadSettingStopsTheStart() {
        context.withPropertyValues("eecs.reasoning.llm.provider=gpt")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("eecs.reasoning.llm.provider=openai", "eecs.reasoning.llm.temperature=7")
                .run(started -> assertThat(started.getStartupFailure()).rootCause()
                        .hasMessageContaining("temperature must be from 0 to 2"));
    }
}
