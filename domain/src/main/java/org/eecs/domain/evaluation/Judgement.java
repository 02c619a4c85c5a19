package org.eecs.domain.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eecs.domain.Require;

/**
 * A language model's scores of one care response under a {@link Rubric}: always labelled with the judge that gave
 * them, and never a patient's rating (those are {@code CareExperienceRating}s, given by people after a session).
 * Made by {@link Rubric#judgement}, which checks the scores.
 *
 * @param judge         the model that judged, e.g. "openai Qwen/Qwen2.5-14B-Instruct"
 * @param rubricVersion the rubric the scores are under
 * @param scores        criterion key to score, in the rubric's order
 * @param rationale     the judge's reasons in a sentence or two (may be empty)
 */
public record Judgement(String judge, String rubricVersion, Map<String, Integer> scores, String rationale) {

    public static final int MAX_RATIONALE_LENGTH = 1000;

    public Judgement {
        Require.text("judge", judge, 255);
        Require.text("rubric version", rubricVersion, 64);
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(Require.present("scores", scores)));
        rationale = Require.present("rationale", rationale).strip();
        if (rationale.length() > MAX_RATIONALE_LENGTH) {
            rationale = rationale.substring(0, MAX_RATIONALE_LENGTH - 3) + "...";
        }
    }

    public int score(String criterion) {
        Integer score = scores.get(criterion);
        if (score == null) {
            throw new IllegalArgumentException("no score for \"" + criterion + "\"; scored: " + scores.keySet());
        }
        return score;
    }
}
