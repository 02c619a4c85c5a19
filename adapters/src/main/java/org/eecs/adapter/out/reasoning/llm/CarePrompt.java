package org.eecs.adapter.out.reasoning.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.EmotionFusion.FusedState;
import tools.jackson.databind.json.JsonMapper;

/**
 * The paper's context-aware prompt (section III.E), versioned: the template files
 * {@code reasoning/prompts/<version>.system.txt} and {@code .user.txt}, filled in with the session's context,
 * the emotional state and the patient's statement, and offering only the robot's own words.
 *
 * <p>Everything that comes from people (the statement, earlier turns, care goal, preferences) is written as a JSON
 * string, quoted and escaped, and the system message says it is data: words in it cannot close the quotation or
 * pass for the template's own text. The output guard then checks what comes back.
 */
final class CarePrompt {

    static final String VERSION = "care-prompt-1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private final String systemTemplate;
    private final String userTemplate;
    private final int maxLength;
    private final int recentTurns;

    CarePrompt(int maxLength, int recentTurns) {
        this.systemTemplate = resource("/reasoning/prompts/" + VERSION + ".system.txt");
        this.userTemplate = resource("/reasoning/prompts/" + VERSION + ".user.txt");
        this.maxLength = maxLength;
        this.recentTurns = recentTurns;
    }

    record Rendered(String system, String user) {
    }

    Rendered render(Situation situation, RobotAbilities abilities) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("maxLength", Integer.toString(maxLength));
        values.put("language", situation.context().language());
        values.put("tones", labels(abilities.tones().stream().map(Tone::label).toList()));
        values.put("faces", labels(abilities.faces().stream().map(FacialExpression::label).toList()));
        values.put("motions", labels(abilities.motions().stream().map(Motion::label).toList()));
        values.put("careGoal", quoted(situation.context().careGoal()));
        values.put("ageGroup", situation.context().ageGroup().label());
        values.put("preferences", JSON.writeValueAsString(situation.context().preferences().notes()));
        values.put("recentTurns", recent(situation.context().recentTurns()));
        values.put("emotion", emotion(situation));
        values.put("statement", situation.silent() ? "(silence: nothing was heard)" : quoted(situation.transcript()));
        return new Rendered(fill(systemTemplate, values), fill(userTemplate, values));
    }

    /** The words of one vocabulary, as the model must write them. */
    static String labels(Collection<String> words) {
        return String.join(", ", words);
    }

    private String recent(List<Exchange> turns) {
        List<Map<String, String>> latest = new ArrayList<>();
        for (Exchange exchange : turns.subList(Math.max(0, turns.size() - recentTurns), turns.size())) {
            Map<String, String> turn = new LinkedHashMap<>();
            turn.put("patient", exchange.patientSaid());
            turn.put("robot", exchange.robotSaid());
            latest.add(turn);
        }
        return latest.isEmpty() ? "none (this is the first turn)" : JSON.writeValueAsString(latest);
    }

    /** The three likeliest care states with their probabilities, and the fusion's confidence. */
    private static String emotion(Situation situation) {
        if (situation.emotionWithheld()) {
            return "not available";
        }
        if (situation.emotion().isEmpty()) {
            return "not recognised";
        }
        FusedState fused = situation.emotion().get();
        List<String> likeliest = fused.observation().distribution().probabilities().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3)
                .filter(entry -> entry.getValue() >= 0.05)
                .map(entry -> entry.getKey() + " " + String.format(Locale.ROOT, "%.2f", entry.getValue()))
                .toList();
        return String.join(", ", likeliest) + String.format(Locale.ROOT, " (confidence %.2f)",
                fused.observation().confidence());
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalStateException("the prompt template " + VERSION + " names an unknown placeholder "
                        + placeholder.group());
            }
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(filled);
        return filled.toString().strip();
    }

    private static String resource(String name) {
        try (InputStream in = CarePrompt.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read prompt template " + name, e);
        }
    }
}
