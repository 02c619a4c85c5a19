package org.eecs.adapter.in.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.application.port.in.EvaluatingCare.Judged;
import org.eecs.domain.evaluation.Judgement;
import org.eecs.domain.evaluation.Rubric;

/**
 * The language-model judge's scores, one answer a row, in a file of their own: every row says who scored it, and
 * nothing here is ever read as a patient's rating. The response codes are the rating sheet's, so the judge's scores
 * can be set beside the raters'; the condition is shown, so this file is for analysis, not for the raters.
 */
final class JudgeScores {

    private JudgeScores() {
    }

    static String csv(Evaluation evaluation, List<RatingSheet.Item> items, Rubric rubric) {
        List<String> header = new ArrayList<>(List.of("scored_by", "rubric", "response", "scenario", "turn",
                "condition"));
        rubric.keys().forEach(key -> header.add("score_" + key));
        header.addAll(List.of("rationale", "unscored_because"));
        Csv csv = new Csv(header);
        String judge = "language-model judge " + evaluation.judge().orElseThrow();
        for (RatingSheet.Item item : items) {
            Optional<Judged> judged = item.turn().answer(item.condition()).judged();
            Optional<Judgement> scored = TableTwo.scored(item.turn().answer(item.condition()));
            List<String> row = new ArrayList<>(List.of(judge, rubric.version(), item.code(),
                    item.scenario().scenario().id(), Integer.toString(item.turn().number()), item.condition().label()));
            rubric.keys().forEach(key -> row.add(scored.map(judgement -> Integer.toString(judgement.score(key)))
                    .orElse("")));
            row.add(scored.map(Judgement::rationale).orElse(""));
            row.add(judged.filter(outcome -> outcome instanceof Judged.Unscored)
                    .map(outcome -> ((Judged.Unscored) outcome).reason()).orElse(judged.isEmpty() ? "not judged" : ""));
            csv.row(row);
        }
        return csv.text();
    }
}
