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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eecs.application.port.out.JudgeCareResponses;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.evaluation.Judgement;
import org.eecs.domain.evaluation.Rubric;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluation's judge on a language model through LangChain4j (OpenAI-compatible or Ollama): the rubric's
 * scores asked for as JSON and read strictly (one object, a whole number from 1 to 5 for every criterion and
 * nothing else, a rationale); an invalid answer gets one repair attempt, told what was wrong. Each call is bounded
 * by the client's timeout. Anything else is {@link JudgementUnavailable}: that answer goes unscored.
 */
final class LanguageModelJudge implements JudgeCareResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatModel model;
    private final LanguageModelProperties.ResponseFormat format;
    private final String name;

    LanguageModelJudge(ChatModel model, LanguageModelProperties settings) {
        this.model = model;
        this.format = settings.responseFormat();
        this.name = settings.provider().name().toLowerCase(Locale.ROOT) + " " + settings.modelOrDefault();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Judgement judge(JudgedResponse response, Rubric rubric) {
        JudgePrompt.Rendered prompt = JudgePrompt.render(response, rubric);
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(prompt.system()),
                UserMessage.from(prompt.user())));
        String first = ask(messages, rubric);
        try {
            return read(first, rubric);
        } catch (InvalidJudgement invalid) {
            messages.add(AiMessage.from(first == null || first.isBlank() ? "(empty)" : first));
            messages.add(UserMessage.from("Your answer could not be used: " + invalid.getMessage() + ". Answer again "
                    + "with only the JSON object, with the keys " + String.join(", ", rubric.keys())
                    + " (each a whole number from 1 to 5) and rationale."));
            try {
                return read(ask(messages, rubric), rubric);
            } catch (InvalidJudgement stillInvalid) {
                throw new JudgementUnavailable("invalid judgement, also after one repair: "
                        + stillInvalid.getMessage());
            }
        }
    }

    private String ask(List<ChatMessage> messages, Rubric rubric) {
        try {
            return model.chat(ChatRequest.builder().messages(messages).responseFormat(responseFormat(rubric)).build())
                    .aiMessage().text();
        } catch (RuntimeException failed) {
            String message = failed.getMessage() == null ? "" : failed.getMessage().lines().findFirst().orElse("");
            throw new JudgementUnavailable("the judge failed: " + failed.getClass().getSimpleName()
                    + (message.isBlank() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "..."
                    : message)), failed);
        }
    }

    /** The scores and the rationale, or what is wrong with the answer in words the model can act on. */
    static Judgement read(String answer, Rubric rubric, String judge) {
        if (answer == null || answer.isBlank()) {
            throw new InvalidJudgement("the answer was empty");
        }
        JsonNode object;
        try {
            object = JSON.readTree(AnswerReader.withoutFence(answer.strip()));
        } catch (JacksonException malformed) {
            throw new InvalidJudgement("the answer was not valid JSON");
        }
        if (object == null || !object.isObject()) {
            throw new InvalidJudgement("the answer was not a JSON object");
        }
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String key : object.propertyNames()) {
            if (key.equals("rationale")) {
                continue;
            }
            JsonNode score = object.get(key);
            if (!score.isIntegralNumber() && !(score.isString() && score.asString().strip().matches("[1-5]"))) {
                throw new InvalidJudgement("the score for \"" + key + "\" was not a whole number");
            }
            scores.put(key, score.isIntegralNumber() ? score.asInt() : Integer.parseInt(score.asString().strip()));
        }
        JsonNode rationale = object.path("rationale");
        try {
            return rubric.judgement(judge, scores, rationale.isString() ? rationale.asString() : "");
        } catch (DomainViolation wrong) {
            throw new InvalidJudgement(wrong.getMessage());
        }
    }

    private Judgement read(String answer, Rubric rubric) {
        return read(answer, rubric, name);
    }

    private ResponseFormat responseFormat(Rubric rubric) {
        if (format == LanguageModelProperties.ResponseFormat.JSON_OBJECT) {
            return ResponseFormat.JSON;
        }
        JsonObjectSchema.Builder scores = JsonObjectSchema.builder();
        rubric.keys().forEach(scores::addIntegerProperty);
        scores.addStringProperty("rationale");
        List<String> required = new ArrayList<>(rubric.keys());
        required.add("rationale");
        JsonObjectSchema schema = scores.required(required).additionalProperties(false).build();
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("care_judgement").rootElement(schema).build())
                .build();
    }

    private static final class InvalidJudgement extends RuntimeException {
        InvalidJudgement(String problem) {
            super(problem);
        }
    }
}
