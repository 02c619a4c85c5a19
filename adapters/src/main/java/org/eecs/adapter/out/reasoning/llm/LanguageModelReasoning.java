package org.eecs.adapter.out.reasoning.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eecs.application.port.out.ReasonAboutCare;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner.Kind;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The care prompt on a language model through LangChain4j (OpenAI-compatible or Ollama): the answer is asked for
 * as structured JSON, read and validated ({@link AnswerReader}); an invalid answer gets one repair attempt, told
 * what was wrong; the whole, repair included, must finish within the timeout. Anything else (no valid answer, an
 * HTTP error, a refused connection, the timeout) is {@link ReasoningUnavailable}, and the application's care
 * library answers instead.
 */
final class LanguageModelReasoning implements ReasonAboutCare, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LanguageModelReasoning.class);

    private final ChatModel model;
    private final CarePrompt prompt;
    private final LanguageModelProperties.ResponseFormat format;
    private final Duration timeout;
    private final Reasoner reasoner;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    LanguageModelReasoning(ChatModel model, CarePrompt prompt, LanguageModelProperties settings) {
        this.model = model;
        this.prompt = prompt;
        this.format = settings.responseFormat();
        this.timeout = settings.timeout();
        this.reasoner = new Reasoner(Kind.LANGUAGE_MODEL,
                settings.provider().name().toLowerCase(Locale.ROOT) + " " + settings.modelOrDefault(),
                CarePrompt.VERSION);
    }

    @Override
    public Answer reason(Situation situation, RobotAbilities abilities) {
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> answer(situation, abilities), calls);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            answer.cancel(true);
            throw new ReasoningUnavailable("no answer within " + timeout);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof ReasoningUnavailable unavailable) {
                throw unavailable;
            }
            if (cause instanceof dev.langchain4j.exception.TimeoutException) {
                // the HTTP client's own timeout (the same one) ran out first
                throw new ReasoningUnavailable("no answer within " + timeout, cause);
            }
            throw new ReasoningUnavailable("the language model failed: " + describe(cause), cause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw new ReasoningUnavailable("interrupted while waiting for the language model");
        }
    }

    private Answer answer(Situation situation, RobotAbilities abilities) {
        CarePrompt.Rendered rendered = prompt.render(situation, abilities);
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(rendered.system()),
                UserMessage.from(rendered.user())));
        String first = ask(messages, abilities);
        AnswerReader.Reading reading = AnswerReader.read(first, abilities);
        if (reading.response().isPresent()) {
            return new Answer(reading.response().get(), reasoner);
        }
        log.info("Language model answer invalid ({}); asking once more", reading.problem());
        messages.add(AiMessage.from(first == null || first.isBlank() ? "(empty)" : first));
        messages.add(UserMessage.from("Your answer could not be used: " + reading.problem() + ". Answer again with "
                + "only the JSON object, with the keys text, tone, face and motion, choosing tone, face and motion "
                + "only from the lists you were given."));
        AnswerReader.Reading repaired = AnswerReader.read(ask(messages, abilities), abilities);
        return repaired.response().map(response -> new Answer(response, reasoner)).orElseThrow(() ->
                new ReasoningUnavailable("invalid answer, also after one repair: " + repaired.problem()));
    }

    private String ask(List<ChatMessage> messages, RobotAbilities abilities) {
        ChatRequest request = ChatRequest.builder()
                .messages(messages)
                .responseFormat(responseFormat(abilities))
                .build();
        return model.chat(request).aiMessage().text();
    }

    /** JSON mode, or a JSON schema whose enums are exactly the robot's words, so the server can enforce them. */
    private ResponseFormat responseFormat(RobotAbilities abilities) {
        if (format == LanguageModelProperties.ResponseFormat.JSON_OBJECT) {
            return ResponseFormat.JSON;
        }
        JsonObjectSchema answer = JsonObjectSchema.builder()
                .addStringProperty("text")
                .addEnumProperty("tone", abilities.tones().stream().map(Tone::label).toList())
                .addEnumProperty("face", abilities.faces().stream().map(FacialExpression::label).toList())
                .addEnumProperty("motion", abilities.motions().stream().map(Motion::label).toList())
                .required("text", "tone", "face", "motion")
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("care_response").rootElement(answer).build())
                .build();
    }

    Reasoner reasoner() {
        return reasoner;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        String firstLine = message.lines().findFirst().orElse("");
        return cause.getClass().getSimpleName()
                + (firstLine.isEmpty() ? "" : ": " + (firstLine.length() > 200 ? firstLine.substring(0, 200) + "..."
                : firstLine));
    }
}
