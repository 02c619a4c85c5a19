package org.eecs.adapter.in.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eecs.application.port.in.EvaluatingCare.ComparedTurn;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.application.port.in.EvaluatingCare.PlayedScenario;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.evaluation.Condition;
import org.eecs.domain.evaluation.Rubric;
import org.eecs.domain.evaluation.Rubric.Criterion;
import org.eecs.domain.turn.Turn;

/**
 * The sheet human raters fill in, blinded: each scenario turn's two answers are shown as A and B, in an order drawn
 * at random for every turn, and nothing on the sheet says which session gave which; the key that says it is a
 * file of its own, kept from the raters. The same rubric as the judge's, with what each point means.
 */
final class RatingSheet {

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 24px; max-width: 860px; }
            h1 { font-size: 22px; margin-bottom: 4px; }
            h2 { font-size: 17px; margin-top: 30px; }
            table { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 10px 4px 0; text-align: left; vertical-align: top; }
            section.item { border-top: 2px solid #999; margin-top: 26px; padding-top: 6px; page-break-inside: avoid; }
            div.response { margin: 10px 0 0 14px; }
            p.says { font-size: 15px; margin: 4px 0; }
            p.context, p.how { color: #444; font-size: 13px; margin: 2px 0; }
            fieldset { border: none; padding: 0; margin: 2px 0; font-size: 13px; }
            legend { display: inline; float: left; width: 150px; }
            textarea { width: 90%; height: 34px; }
            """;

    /**
     * One answer as the raters see it.
     *
     * @param code the only name the sheet gives it, e.g. "anger-feeling-ignored/1/B"
     */
    record Item(String code, PlayedScenario scenario, ComparedTurn turn, Condition condition) {
        Turn answer() {
            return turn.answer(condition).turn();
        }
    }

    private RatingSheet() {
    }

    /** Every answer of the run, each turn's two in a random order (the seed makes it repeatable). */
    static List<Item> blind(Evaluation evaluation, long seed) {
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>();
        for (PlayedScenario played : evaluation.scenarios()) {
            for (ComparedTurn turn : played.turns()) {
                boolean withFirst = random.nextBoolean();
                String code = played.scenario().id() + "/" + turn.number() + "/";
                items.add(new Item(code + "A", played, turn,
                        withFirst ? Condition.WITH_EMOTION_INPUT : Condition.WITHOUT_EMOTION_INPUT));
                items.add(new Item(code + "B", played, turn,
                        withFirst ? Condition.WITHOUT_EMOTION_INPUT : Condition.WITH_EMOTION_INPUT));
            }
        }
        return items;
    }

    static String html(List<Item> items, Rubric rubric) {
        StringBuilder html = Html.page("Rating sheet: a care robot's answers", STYLE)
                .append("<p>Each part below is one moment of a role-play: the emotion the patient plays, the situation, "
                        + "what the patient said, and two answers of the robot (A and B). Read each answer as the "
                        + "patient would experience it: the words, spoken in the tone given, with the facial "
                        + "expression and the motion given. Score each answer on every criterion from 1 to 5, on its "
                        + "own merits; A and B are in no particular order.</p>")
                .append("<p>Rater: <input name=\"rater\" size=\"30\"> Date: <input name=\"date\" size=\"12\"></p>")
                .append("<h2>").append(Html.escape("The rubric (" + rubric.version() + ")"))
                .append("</h2><table><thead><tr><th>criterion</th>");
        for (int score = Rubric.LOWEST; score <= Rubric.HIGHEST; score++) {
            html.append("<th>").append(score).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (Criterion criterion : rubric.criteria()) {
            html.append("<tr><td><b>").append(Html.escape(criterion.name())).append("</b><br>")
                    .append(Html.escape(criterion.question())).append("</td>");
            criterion.anchors().forEach(anchor -> html.append("<td>").append(Html.escape(anchor)).append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody></table><form>");
        for (int i = 0; i < items.size(); i += 2) {
            Item first = items.get(i);
            html.append("<section class=\"item\"><p class=\"context\">")
                    .append(Html.escape("The patient plays " + first.scenario().scenario().emotion().className()
                            + ": " + first.scenario().scenario().title() + " (turn " + first.turn().number() + ")"))
                    .append("</p><p class=\"says\">Patient: &ldquo;").append(Html.escape(first.turn().script().script()))
                    .append("&rdquo;</p>");
            for (Item item : List.of(first, items.get(i + 1))) {
                response(html, item, rubric);
            }
            html.append("</section>");
        }
        return html.append("</form></body></html>\n").toString();
    }

    private static void response(StringBuilder html, Item item, Rubric rubric) {
        CareResponse response = item.answer().response();
        html.append("<div class=\"response\"><h2>").append(Html.escape(item.code())).append("</h2>")
                .append("<p class=\"says\">Robot: &ldquo;").append(Html.escape(response.text())).append("&rdquo;</p>")
                .append("<p class=\"how\">").append(Html.escape("tone of voice: " + response.tone().label()
                        + "; facial expression: " + response.face().label() + "; motion: "
                        + response.motion().label())).append("</p>");
        for (Criterion criterion : rubric.criteria()) {
            String name = item.code() + ":" + criterion.key();
            html.append("<fieldset><legend>").append(Html.escape(criterion.name())).append("</legend>");
            for (int score = Rubric.LOWEST; score <= Rubric.HIGHEST; score++) {
                html.append("<label><input type=\"radio\" name=\"").append(Html.escape(name)).append("\" value=\"")
                        .append(score).append("\"> ").append(score).append("</label> ");
            }
            html.append("</fieldset>");
        }
        html.append("<p class=\"how\">Comment: <textarea name=\"").append(Html.escape(item.code() + ":comment"))
                .append("\"></textarea></p></div>");
    }

    /** The same items as a table to fill in, one answer a row, an empty column per criterion. */
    static String csv(List<Item> items, Rubric rubric) {
        List<String> header = new ArrayList<>(List.of("response", "patient_plays", "situation", "patient_said",
                "robot_says", "tone", "face", "motion"));
        rubric.keys().forEach(key -> header.add("score_" + key));
        header.add("comment");
        Csv csv = new Csv(header);
        for (Item item : items) {
            CareResponse response = item.answer().response();
            List<String> row = new ArrayList<>(List.of(item.code(),
                    item.scenario().scenario().emotion().className(), item.scenario().scenario().title(),
                    item.turn().script().script(), response.text(), response.tone().label(), response.face().label(),
                    response.motion().label()));
            rubric.keys().forEach(key -> row.add(""));
            row.add("");
            csv.row(row);
        }
        return csv.text();
    }

    /** Which answer is which: for whoever analyses the ratings, never for the raters. */
    static String key(List<Item> items) {
        Csv csv = new Csv(List.of("response", "scenario", "turn", "condition", "session", "turn_id"));
        for (Item item : items) {
            Turn answer = item.answer();
            csv.row(List.of(item.code(), item.scenario().scenario().id(), Integer.toString(item.turn().number()),
                    item.condition().label(), answer.session().toString(), answer.id().toString()));
        }
        return csv.text();
    }
}
