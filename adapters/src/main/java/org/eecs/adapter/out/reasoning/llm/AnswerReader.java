package org.eecs.adapter.out.reasoning.llm;

import java.util.Optional;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a language model's answer into a {@link CareResponse}: one JSON object (a Markdown code fence around it is
 * tolerated, nothing else) with a non-blank {@code text} and a {@code tone}, {@code face} and {@code motion} from
 * the robot's abilities. What is wrong with an answer is said in words the model can act on in its repair attempt.
 */
final class AnswerReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Either the response or what is wrong with the answer. */
    record Reading(Optional<CareResponse> response, String problem) {
        static Reading valid(CareResponse response) {
            return new Reading(Optional.of(response), null);
        }

        static Reading invalid(String problem) {
            return new Reading(Optional.empty(), problem);
        }
    }

    private AnswerReader() {
    }

    static Reading read(String answer, RobotAbilities abilities) {
        if (answer == null || answer.isBlank()) {
            return Reading.invalid("the answer was empty");
        }
        JsonNode object;
        try {
            object = JSON.readTree(withoutFence(answer.strip()));
        } catch (JacksonException malformed) {
            return Reading.invalid("the answer was not valid JSON (" + firstLine(malformed.getOriginalMessage()) + ")");
        }
        if (object == null || !object.isObject()) {
            return Reading.invalid("the answer was not a JSON object");
        }
        for (String key : new String[] {"text", "tone", "face", "motion"}) {
            if (!object.path(key).isString() || object.path(key).asString().isBlank()) {
                return Reading.invalid("the key \"" + key + "\" was missing or not a non-empty string");
            }
        }
        String text = object.path("text").asString().strip();
        if (text.length() > CareResponse.MAX_TEXT_LENGTH) {
            return Reading.invalid("the text was " + text.length() + " characters long");
        }
        try {
            Tone tone = Tone.fromLabel(object.path("tone").asString());
            FacialExpression face = FacialExpression.fromLabel(object.path("face").asString());
            Motion motion = Motion.fromLabel(object.path("motion").asString());
            CareResponse response = new CareResponse(text, tone, face, motion);
            if (!abilities.canPerform(response)) {
                return Reading.invalid("the tone \"" + tone.label() + "\", face \"" + face.label() + "\" or motion \""
                        + motion.label() + "\" is not one this robot can perform");
            }
            return Reading.valid(response);
        } catch (DomainViolation outsideTheVocabulary) {
            return Reading.invalid(outsideTheVocabulary.getMessage());
        }
    }

    /** The answer inside a Markdown code fence, if it has one around it. */
    static String withoutFence(String answer) {
        if (answer.startsWith("```")) {
            int firstLineEnd = answer.indexOf('\n');
            int closing = answer.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                return answer.substring(firstLineEnd + 1, closing).strip();
            }
        }
        return answer;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
