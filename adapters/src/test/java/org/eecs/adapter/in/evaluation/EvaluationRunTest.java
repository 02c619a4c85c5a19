package org.eecs.adapter.in.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.EvaluatingCare;
import org.eecs.application.port.in.EvaluatingCare.Answer;
import org.eecs.application.port.in.EvaluatingCare.ComparedTurn;
import org.eecs.application.port.in.EvaluatingCare.Evaluate;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.application.port.in.EvaluatingCare.Judged;
import org.eecs.application.port.in.EvaluatingCare.PlayedScenario;
import org.eecs.application.port.in.EvaluatingCare.Scenario;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.evaluation.Rubric;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.Turn;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled scenarios played through the real system (the shared server: embedded models, the care library, no
 * language model), once: the paper's Table II comes out of it, and the files say what the issue asks. The files are
 * left in {@code adapters/target/evaluation-test/} for a look.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationRunTest {

    private static final Path OUT = Path.of("target", "evaluation-test");
    private static final long SEED = 11;

    @Autowired EvaluatingCare evaluating;
    @Autowired CareExperienceRatings ratings;

    private Evaluation evaluation;
    private List<Path> written;

    @BeforeAll
    void playTheBundledScenarios() {
        String evaluator = "eecs-evaluation-" + UUID.randomUUID().toString().substring(0, 8);
        List<Scenario> scenarios = new ScenarioFiles(Espeak.onPath()).read(ScenarioFiles.at(ScenarioFiles.BUNDLED));
        evaluation = evaluating.evaluate(new Evaluate(new Caller(new Actor(evaluator, Role.ADMIN), null, null,
                "evaluation"), new Caller(new Actor(evaluator, Role.CLINICIAN), null, null, "evaluation"), scenarios,
                false));
        written = EvaluationFiles.write(evaluation, OUT, SEED);
    }

    private PlayedScenario scenario(CareState emotion) {
        return evaluation.scenarios().stream().filter(played -> played.scenario().emotion() == emotion).findFirst()
                .orElseThrow();
    }

    @Test
    void theCareLibraryReproducesThePapersTableTwo() {
        ComparedTurn anxiety = scenario(CareState.ANXIETY).turns().getFirst();
        ComparedTurn anger = scenario(CareState.ANGER).turns().getFirst();

        assertThat(anxiety.script().script()).isEqualTo("I feel overwhelmed and don't know what to do.");
        assertThat(anxiety.withEmotion().turn().response()).isEqualTo(new CareResponse(
                "You're not alone, I can help you step by step.", Tone.ENCOURAGING, FacialExpression.SMILE,
                Motion.LEAN_FORWARD_AND_NOD));
        assertThat(anxiety.withoutEmotion().turn().response()).isEqualTo(new CareResponse(
                "What's the issue? Can you explain more?", Tone.NEUTRAL, FacialExpression.NEUTRAL, Motion.NONE));
        assertThat(anger.script().script()).isEqualTo("Why is everything so unfair to me?");
        assertThat(anger.withEmotion().turn().response()).isEqualTo(new CareResponse(
                "I understand you. Let's address this together calmly.", Tone.GENTLE, FacialExpression.WARM_GAZE,
                Motion.OPEN_ARMS));
        assertThat(anger.withoutEmotion().turn().response()).isEqualTo(new CareResponse(
                "Why do you think so? Let's discuss.", Tone.NEUTRAL, FacialExpression.NEUTRAL, Motion.NONE));
    }

    @Test
    void withoutTheEmotionInputEveryAnswerIsNeutral_withItTheOpeningTurnsComfortTheRolePlayedEmotion() {
        for (PlayedScenario played : evaluation.scenarios()) {
            for (ComparedTurn turn : played.turns()) {
                Turn without = turn.withoutEmotion().turn();
                assertThat(without.emotionWithheld()).isTrue();
                assertThat(List.of(without.response().tone(), without.response().face(), without.response().motion()))
                        .as(played.scenario().id() + " turn " + turn.number() + " without emotion input")
                        .containsExactly(Tone.NEUTRAL, FacialExpression.NEUTRAL, Motion.NONE);
                assertThat(turn.withEmotion().turn().answeredBy().kind()).isEqualTo(AnsweredBy.Kind.CARE_LIBRARY);
            }
            Turn opening = played.turns().getFirst().withEmotion().turn();
            assertThat(opening.emotionWithheld()).isFalse();
            assertThat(opening.fused()).as(played.scenario().id() + ": the role-played emotion is recognised")
                    .hasValueSatisfying(fused -> assertThat(fused.dominant())
                            .isEqualTo(played.scenario().emotion().className()));
            assertThat(opening.response().motion()).as(played.scenario().id()).isNotEqualTo(Motion.NONE);
        }
    }

    @Test
    void statedFacesAreLabelledAsTheScripts_andClipsAreReadByTheExpressionModel() {
        Turn stated = scenario(CareState.ANGER).turns().getFirst().withEmotion().turn();
        Turn relieved = scenario(CareState.ANXIETY).turns().getLast().withEmotion().turn();

        assertThat(face(stated).model().name()).isEqualTo("scenario-face-label");
        assertThat(face(stated).dominant()).isEqualTo("angry");
        assertThat(face(relieved).model().name()).startsWith("fer2013-mini-xception");
        assertThat(face(relieved).dominant()).as("the smiling photo").isEqualTo("happy");
        assertThat(relieved.fused()).hasValueSatisfying(fused -> assertThat(fused.dominant()).isEqualTo("positive"));
    }

    @Test
    void aScenarioIsPlayedInCompletedSessions_andNothingIsRated() {
        for (PlayedScenario played : evaluation.scenarios()) {
            ComparedTurn first = played.turns().getFirst();
            assertThat(first.withEmotion().turn().session()).isNotEqualTo(first.withoutEmotion().turn().session());
            assertThat(ratings.of(first.withEmotion().turn().session())).isEmpty();
            assertThat(ratings.of(first.withoutEmotion().turn().session())).isEmpty();
        }
    }

    @Test
    void tableTwoAsCsv_oneRowPerScenarioTurnWithBothAnswers() throws IOException {
        List<Map<String, String>> rows = csv(OUT.resolve(EvaluationFiles.TABLE_CSV));

        assertThat(rows).hasSize(15);
        assertThat(rows.getFirst().keySet()).containsExactlyElementsOf(TableTwo.HEADER);
        Map<String, String> anger = rows.stream().filter(row -> row.get("scenario").equals("anger-feeling-ignored")
                && row.get("turn").equals("1")).findFirst().orElseThrow();
        assertThat(anger).containsEntry("emotion", "anger")
                .containsEntry("patient_said", "Why is everything so unfair to me?")
                .containsEntry("face_input", "stated: angry")
                .containsEntry("heard", "Why is everything so unfair to me?")
                .containsEntry("recognised_emotion", "anger")
                .containsEntry("with_text", "I understand you. Let's address this together calmly.")
                .containsEntry("with_tone", "gentle").containsEntry("with_face", "warm gaze")
                .containsEntry("with_motion", "open arms")
                .containsEntry("without_text", "Why do you think so? Let's discuss.")
                .containsEntry("without_tone", "neutral").containsEntry("without_face", "neutral")
                .containsEntry("without_motion", "none");
        assertThat(anger.get("with_answered_by")).startsWith("care library ");
        assertThat(rows).extracting(row -> row.get("scenario")).containsSubsequence("anxiety-before-surgery",
                "sadness-after-bereavement", "anger-feeling-ignored", "fear-of-pain-at-night",
                "frustration-slow-recovery");
    }

    @Test
    void tableTwoAsAPage_selfContained_withBothAnswersOfEveryTurn() throws IOException {
        String html = Files.readString(OUT.resolve(EvaluationFiles.TABLE_HTML));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("default-src &#39;none&#39;")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
        assertThat(html).contains("class=\"said\">I feel overwhelmed and don&#39;t know what to do.")
                .contains("You&#39;re not alone, I can help you step by step.")
                .contains("<td>encouraging</td><td>smile</td><td>lean forward and nod</td>")
                .contains("<td>neutral</td><td>neutral</td><td>none</td>");
        assertThat(html.split("<tr class=\"with\">", -1)).hasSize(16);
        assertThat(html).doesNotContain("language-model judge");
    }

    @Test
    void theRatingSheetIsBlinded_andItsKeyIsAFileApart() throws IOException {
        String sheet = Files.readString(OUT.resolve(EvaluationFiles.SHEET_HTML));
        List<Map<String, String>> rows = csv(OUT.resolve(EvaluationFiles.SHEET_CSV));
        List<Map<String, String>> key = csv(OUT.resolve(EvaluationFiles.KEY_CSV));

        assertThat(rows).hasSize(30);
        assertThat(rows.getFirst().keySet()).containsExactly("response", "patient_plays", "situation", "patient_said",
                "robot_says", "tone", "face", "motion", "score_empathy", "score_support", "score_voice", "score_face",
                "score_motion", "score_overall", "comment");
        assertThat(rows).allSatisfy(row -> assertThat(row.get("score_overall")).isEmpty());
        for (String content : List.of(sheet, Files.readString(OUT.resolve(EvaluationFiles.SHEET_CSV)))) {
            assertThat(content).doesNotContainIgnoringCase("emotion input").doesNotContainIgnoringCase("withheld")
                    .doesNotContainIgnoringCase("with emotion").doesNotContainIgnoringCase("care library")
                    .doesNotContain("session");
        }
        assertThat(sheet).contains("The rubric (care-rubric-1)")
                .contains("reflects the feeling warmly and specifically")
                .contains("name=\"anger-feeling-ignored/1/A:overall\" value=\"5\"");
        assertThat(key).hasSize(30);
        assertThat(key).extracting(row -> row.get("response"))
                .containsExactlyElementsOf(rows.stream().map(row -> row.get("response")).toList());
        Map<String, Set<String>> conditionsOfTurn = new HashMap<>();
        key.forEach(row -> conditionsOfTurn.computeIfAbsent(row.get("scenario") + "/" + row.get("turn"),
                turn -> new HashSet<>()).add(row.get("condition")));
        assertThat(conditionsOfTurn).hasSize(15).allSatisfy((turn, conditions) -> assertThat(conditions)
                .containsExactlyInAnyOrder("with emotion input", "without emotion input"));
        assertThat(key.stream().filter(row -> row.get("response").endsWith("/A")).map(row -> row.get("condition"))
                .distinct()).as("the order is drawn, not always the same").hasSize(2);
        assertThat(written).noneMatch(file -> file.endsWith(EvaluationFiles.JUDGE_CSV));
    }

    @Test
    void theJudgesScoresGoToAFileOfTheirOwn_andASectionLabelledAsTheirs(@TempDir Path out)
            throws IOException {
        Evaluation judged = judgedByHand(evaluation);

        EvaluationFiles.write(judged, out, SEED);

        List<Map<String, String>> scores = csv(out.resolve(EvaluationFiles.JUDGE_CSV));
        assertThat(scores).hasSize(30).allSatisfy(row -> {
            assertThat(row.get("scored_by")).isEqualTo("language-model judge test-judge");
            assertThat(row.get("rubric")).isEqualTo("care-rubric-1");
        });
        Map<String, String> first = scores.stream().filter(row -> row.get("response").equals("anger-feeling-ignored/1/A"))
                .findFirst().orElseThrow();
        assertThat(first.get("score_overall")).isEqualTo(first.get("condition").equals("with emotion input") ? "5" : "2");
        assertThat(Files.readString(out.resolve(EvaluationFiles.TABLE_HTML)))
                .contains("Scores of the language-model judge (test-judge)")
                .contains("They are not patients&#39; ratings");
        assertThat(Files.readString(out.resolve(EvaluationFiles.SHEET_CSV))).doesNotContain("test-judge");
        assertThat(csv(out.resolve(EvaluationFiles.SHEET_CSV))).allSatisfy(row ->
                assertThat(row.get("score_overall")).isEmpty());
    }

    @Test
    void wordsWhoseRecordingIsAbsentAreSpokenAndHeardThroughSpeechRecognition(@TempDir Path folder)
            throws IOException {
        assumeTrue(Espeak.onPath().available(), "espeak-ng is not installed (Debian package espeak-ng)");
        Path file = Files.writeString(folder.resolve("spoken.yaml"), """
                format: eecs-scenario/1
                id: spoken-fear
                emotion: fear
                title: afraid of the night
                careGoal: reassure
                turns:
                  - say: I am scared of the night.
                    audio: scared.wav
                """);
        Scenario scenario = new ScenarioFiles(Espeak.onPath()).read(ScenarioFiles.at(file.toString())).getFirst();
        String evaluator = "eecs-evaluation-" + UUID.randomUUID().toString().substring(0, 8);

        Evaluation spoken = evaluating.evaluate(new Evaluate(new Caller(new Actor(evaluator, Role.ADMIN), null, null,
                "evaluation"), new Caller(new Actor(evaluator, Role.CLINICIAN), null, null, "evaluation"),
                List.of(scenario), false));

        Turn turn = spoken.scenarios().getFirst().turns().getFirst().withEmotion().turn();
        assertThat(turn.latencies().byStage()).containsKey(Stage.SPEECH_RECOGNITION);
        assertThat(turn.observations()).noneMatch(observation -> observation.modality() == Modality.FACE);
        // what the embedded recogniser made of a synthetic voice; the script stays the script
        assertThat(spoken.scenarios().getFirst().turns().getFirst().script().script())
                .isEqualTo("I am scared of the night.");
    }

    /** The same run, as if a judge had scored each answer: 5 with the emotion input, 2 without. */
    private static Evaluation judgedByHand(Evaluation run) {
        List<PlayedScenario> scenarios = new ArrayList<>();
        for (PlayedScenario played : run.scenarios()) {
            List<ComparedTurn> turns = new ArrayList<>();
            for (ComparedTurn turn : played.turns()) {
                turns.add(new ComparedTurn(turn.number(), turn.script(), scored(turn.withEmotion(), 5),
                        scored(turn.withoutEmotion(), 2)));
            }
            scenarios.add(new PlayedScenario(played.scenario(), turns));
        }
        return new Evaluation(run.startedAt(), run.finishedAt(), Optional.of("test-judge"), scenarios);
    }

    private static Answer scored(Answer answer, int score) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        Rubric.CARE_RESPONSE.keys().forEach(key -> scores.put(key, score));
        return new Answer(answer.turn(), Optional.of(new Judged.Scored(Rubric.CARE_RESPONSE.judgement("test-judge",
                scores, "as a test"))));
    }

    private static EmotionObservation face(Turn turn) {
        return turn.observations().stream().filter(observation -> observation.modality() == Modality.FACE)
                .findFirst().orElseThrow();
    }

    /** RFC 4180, as Csv writes it: a header line, then rows of cells by header name. */
    static List<Map<String, String>> csv(Path file) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String text = Files.readString(file);
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                lines.add(cells);
                cells = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        List<String> header = lines.getFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            assertThat(line).as("cells of a row").hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
