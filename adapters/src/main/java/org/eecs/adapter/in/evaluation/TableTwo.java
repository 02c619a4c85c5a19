package org.eecs.adapter.in.evaluation;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eecs.application.port.in.EvaluatingCare.Answer;
import org.eecs.application.port.in.EvaluatingCare.ComparedTurn;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.application.port.in.EvaluatingCare.Judged;
import org.eecs.application.port.in.EvaluatingCare.PlayedScenario;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.evaluation.Condition;
import org.eecs.domain.evaluation.Judgement;
import org.eecs.domain.evaluation.Rubric;
import org.eecs.domain.turn.Turn;

/**
 * The paper's Table II for a run: per scenario and turn, what the patient said and the robot's text, tone, face
 * and motion with the emotion input and without it; as CSV for analysis and as a self-contained HTML page. The
 * page shows the language-model judge's scores, when there are any, in a section of their own, labelled as the
 * judge's.
 */
final class TableTwo {

    static final List<String> HEADER = List.of("scenario", "emotion", "turn", "patient_said", "face_input", "heard",
            "recognised_emotion", "recognised_confidence",
            "with_text", "with_tone", "with_face", "with_motion", "with_answered_by",
            "without_text", "without_tone", "without_face", "without_motion", "without_answered_by");

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 24px; }
            h1 { font-size: 22px; margin-bottom: 4px; }
            h2 { font-size: 17px; margin-top: 30px; }
            ul.facts { color: #555; padding-left: 18px; margin-top: 4px; }
            table { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 12px 4px 0; text-align: left; vertical-align: top; }
            tr.with td { background: #f3f8f3; }
            td.said { max-width: 260px; } td.text { max-width: 340px; }
            td.number { text-align: right; }
            p.details, p.note { color: #555; font-size: 12px; margin: 2px 0 0 0; }
            section.judge { border-top: 3px solid #b58a00; margin-top: 36px; }
            """;

    private TableTwo() {
    }

    static String csv(Evaluation evaluation) {
        Csv csv = new Csv(HEADER);
        for (PlayedScenario played : evaluation.scenarios()) {
            for (ComparedTurn turn : played.turns()) {
                Turn with = turn.withEmotion().turn();
                Turn without = turn.withoutEmotion().turn();
                List<String> row = new ArrayList<>(List.of(played.scenario().id(),
                        played.scenario().emotion().className(), Integer.toString(turn.number()),
                        turn.script().script(), Described.face(turn.script().seen()), with.utterance(),
                        Described.recognised(with), Described.confidence(with)));
                row.addAll(response(with));
                row.addAll(response(without));
                csv.row(row);
            }
        }
        return csv.text();
    }

    private static List<String> response(Turn turn) {
        CareResponse response = turn.response();
        return List.of(response.text(), response.tone().label(), response.face().label(), response.motion().label(),
                Described.answeredBy(turn));
    }

    static String html(Evaluation evaluation) {
        StringBuilder html = Html.page("Care responses with and without emotion input", STYLE)
                .append("<ul class=\"facts\"><li>")
                .append(Html.escape("Played " + evaluation.startedAt().truncatedTo(ChronoUnit.SECONDS) + " to "
                        + evaluation.finishedAt().truncatedTo(ChronoUnit.SECONDS) + "; " + evaluation.scenarios().size()
                        + " scenarios, each in a session with the emotion input and a session without it "
                        + "(the paper's Table II)."))
                .append("</li><li>").append(Html.escape("Answered by: " + String.join("; ", reasoners(evaluation))))
                .append("</li>");
        evaluation.judge().ifPresent(judge -> html.append("<li>")
                .append(Html.escape("Judged by the language model " + judge + ": its scores are in a section of "
                        + "their own below, never patients' ratings.")).append("</li>"));
        html.append("</ul><table><thead><tr><th>patient's emotion</th><th>turn</th><th>patient's input</th>")
                .append("<th>emotion input</th><th>robot's response</th><th>tone</th><th>expression</th>")
                .append("<th>motion</th></tr></thead><tbody>");
        for (PlayedScenario played : evaluation.scenarios()) {
            for (ComparedTurn turn : played.turns()) {
                Turn with = turn.withEmotion().turn();
                html.append("<tr class=\"with\"><td rowspan=\"2\">")
                        .append(Html.escape(played.scenario().emotion().className()))
                        .append("<p class=\"details\">").append(Html.escape(played.scenario().id())).append("</p></td>")
                        .append("<td rowspan=\"2\" class=\"number\">").append(turn.number()).append("</td>")
                        .append("<td rowspan=\"2\" class=\"said\">").append(Html.escape(turn.script().script()))
                        .append("<p class=\"details\">").append(Html.escape("face: " + Described.face(turn.script().seen())
                                + "; heard: \"" + with.utterance() + "\"; recognised: " + Described.recognised(with)
                                + (with.fused().isPresent() ? " (" + Described.confidence(with) + ")" : "")))
                        .append("</p></td>");
                cells(html, Condition.WITH_EMOTION_INPUT, with);
                html.append("</tr><tr>");
                cells(html, Condition.WITHOUT_EMOTION_INPUT, turn.withoutEmotion().turn());
                html.append("</tr>");
            }
        }
        html.append("</tbody></table>");
        if (evaluation.judge().isPresent()) {
            judgeSection(html, evaluation);
        }
        return html.append("</body></html>\n").toString();
    }

    private static void cells(StringBuilder html, Condition condition, Turn turn) {
        CareResponse response = turn.response();
        html.append("<td>").append(condition == Condition.WITH_EMOTION_INPUT ? "with" : "without")
                .append("</td><td class=\"text\">").append(Html.escape(response.text()))
                .append("<p class=\"details\">").append(Html.escape(Described.answeredBy(turn))).append("</p></td><td>")
                .append(Html.escape(response.tone().label())).append("</td><td>")
                .append(Html.escape(response.face().label())).append("</td><td>")
                .append(Html.escape(response.motion().label())).append("</td>");
    }

    /** The judge's mean score per criterion in each condition, then every score; labelled as the judge's. */
    private static void judgeSection(StringBuilder html, Evaluation evaluation) {
        Rubric rubric = Rubric.CARE_RESPONSE;
        html.append("<section class=\"judge\" aria-label=\"language model judge\"><h2>")
                .append(Html.escape("Scores of the language-model judge (" + evaluation.judge().orElseThrow() + ")"))
                .append("</h2><p class=\"note\">")
                .append(Html.escape("A language model's scores under rubric " + rubric.version() + " (docs/evaluation.md),"
                        + " given without knowing which session produced the answer. They are not patients' ratings "
                        + "and are kept apart from them."))
                .append("</p><table><thead><tr><th>emotion input</th><th>scored</th>");
        rubric.criteria().forEach(criterion -> html.append("<th>").append(Html.escape(criterion.name())).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (Condition condition : Condition.values()) {
            Map<String, double[]> sums = new TreeMap<>();
            int scored = 0;
            for (Judgement judgement : judgements(evaluation, condition)) {
                scored++;
                judgement.scores().forEach((key, score) -> sums.computeIfAbsent(key, k -> new double[1])[0] += score);
            }
            html.append("<tr><td>").append(Html.escape(condition.label())).append("</td><td class=\"number\">")
                    .append(scored).append("</td>");
            for (String key : rubric.keys()) {
                html.append("<td class=\"number\">").append(scored == 0 ? "" : String.format(Locale.ROOT, "%.2f",
                        sums.get(key)[0] / scored)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table><p class=\"note\">Means per criterion (1 to 5). Every score is in "
                + "llm-judge-scores.csv.</p></section>");
    }

    static List<Judgement> judgements(Evaluation evaluation, Condition condition) {
        List<Judgement> all = new ArrayList<>();
        for (PlayedScenario played : evaluation.scenarios()) {
            for (ComparedTurn turn : played.turns()) {
                scored(turn.answer(condition)).ifPresent(all::add);
            }
        }
        return all;
    }

    static Optional<Judgement> scored(Answer answer) {
        return answer.judged().flatMap(judged -> judged instanceof Judged.Scored scored
                ? Optional.of(scored.judgement()) : Optional.empty());
    }

    private static List<String> reasoners(Evaluation evaluation) {
        return evaluation.scenarios().stream().flatMap(played -> played.turns().stream())
                .flatMap(turn -> Stream.of(turn.withEmotion(), turn.withoutEmotion()))
                .map(answer -> answer.turn().answeredBy())
                .map(by -> by.name() + " " + by.templateVersion())
                .distinct().sorted().toList();
    }
}
