package org.eecs.adapter.out.reasoning.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eecs.application.port.out.ReasonAboutCare.Answer;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.CareState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

class CareLibraryTest {

    private static final CareLibrary LIBRARY = CareLibrary.read(new ClassPathResource("reasoning/care-library.tsv"));

    /**
     * The paper's Table II, row by row: the patient's emotion (or none: the emotion input withheld), what they
     * said, and the robot's response, tone, expression and motion.
     */
    static Stream<Arguments> tableTwo() {
        return Stream.of(
                Arguments.of(Optional.of(CareState.ANXIETY), "I feel overwhelmed and don't know what to do.",
                        "You're not alone, I can help you step by step.", Tone.ENCOURAGING, FacialExpression.SMILE,
                        Motion.LEAN_FORWARD_AND_NOD),
                Arguments.of(Optional.empty(), "I feel overwhelmed and don't know what to do.",
                        "What's the issue? Can you explain more?", Tone.NEUTRAL, FacialExpression.NEUTRAL,
                        Motion.NONE),
                Arguments.of(Optional.of(CareState.ANGER), "Why is everything so unfair to me?",
                        "I understand you. Let's address this together calmly.", Tone.GENTLE,
                        FacialExpression.WARM_GAZE, Motion.OPEN_ARMS),
                Arguments.of(Optional.empty(), "Why is everything so unfair to me?",
                        "Why do you think so? Let's discuss.", Tone.NEUTRAL, FacialExpression.NEUTRAL, Motion.NONE));
    }

    @ParameterizedTest(name = "{0} \"{1}\" -> \"{2}\" / {3} / {4} / {5}")
    @MethodSource("tableTwo")
    void reproducesThePapersTableTwo(Optional<CareState> emotion, String said, String text, Tone tone,
                                     FacialExpression face, Motion motion) {
        Situation situation = emotion.map(feeling -> Situations.withEmotion(said, feeling, List.of()))
                .orElseGet(() -> Situations.withheld(said));

        Answer answer = LIBRARY.reason(situation, RobotAbilities.everything());

        assertThat(answer.response()).isEqualTo(new CareResponse(text, tone, face, motion));
        assertThat(answer.reasoner().kind()).isEqualTo(Reasoner.Kind.CARE_LIBRARY);
        assertThat(answer.reasoner().templateVersion()).matches("[0-9a-f]{12}");
    }

    @Test
    void theRobotDoesNotRepeatItselfWithinASession() {
        List<Exchange> earlier = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (int turn = 0; turn < 3; turn++) {
            String text = LIBRARY.reason(Situations.withEmotion("I'm so worried.", CareState.ANXIETY, earlier),
                    RobotAbilities.everything()).response().text();
            said.add(text);
            earlier.add(new Exchange("I'm so worried.", text));
        }
        assertThat(said).doesNotHaveDuplicates();

        String fourth = LIBRARY.reason(Situations.withEmotion("I'm so worried.", CareState.ANXIETY, earlier),
                RobotAbilities.everything()).response().text();
        assertThat(fourth).as("with every answer said, the one said longest ago").isEqualTo(said.getFirst());
    }

    @Test
    void theSameSituationGetsTheSameAnswer() {
        Situation situation = Situations.withEmotion("I'm scared of the operation.", CareState.FEAR, List.of());

        assertThat(LIBRARY.reason(situation, RobotAbilities.everything()))
                .isEqualTo(LIBRARY.reason(situation, RobotAbilities.everything()));
    }

    @Test
    void everyCareStateAndEveryIntentHasAnAnswer() {
        for (CareState state : CareState.values()) {
            for (String said : List.of("", "Hello!", "Goodbye.", "What happens next?", "I went for a walk.")) {
                assertThat(LIBRARY.reason(Situations.withEmotion(said, state, List.of()), RobotAbilities.everything())
                        .response().text()).isNotBlank();
            }
        }
    }

    @Test
    void withoutEmotionInputTheRobotStaysNeutral_whateverThePatientDid() {
        for (String said : List.of("", "Hello!", "Goodbye.", "What happens next?", "I went for a walk.")) {
            CareResponse response = LIBRARY.reason(Situations.withheld(said), RobotAbilities.everything()).response();
            assertThat(response.tone()).isEqualTo(Tone.NEUTRAL);
            assertThat(response.face()).isEqualTo(FacialExpression.NEUTRAL);
            assertThat(response.motion()).isEqualTo(Motion.NONE);
        }
    }

    @Test
    void aWordTheRobotCannotPerformBecomesTheCalmOne() {
        RobotAbilities noArms = new RobotAbilities(Set.of(Tone.NEUTRAL, Tone.GENTLE),
                Set.of(FacialExpression.NEUTRAL, FacialExpression.WARM_GAZE), Set.of(Motion.NONE, Motion.NOD));

        CareResponse response = LIBRARY.reason(
                Situations.withEmotion("Why is everything so unfair to me?", CareState.ANGER, List.of()), noArms)
                .response();

        assertThat(response).isEqualTo(new CareResponse("I understand you. Let's address this together calmly.",
                Tone.GENTLE, FacialExpression.WARM_GAZE, Motion.NONE));
    }

    @Test
    void aPatientWhoseLanguageHasNoAnswersGetsEnglish() {
        Situation german = new Situation("Ich habe Angst.", Optional.of(Situations.feeling(CareState.FEAR)), false,
                Situations.context("de-AT", List.of()), Set.of());

        assertThat(LIBRARY.reason(german, RobotAbilities.everything()).response().text())
                .isEqualTo("You're safe here with me right now. Let's breathe slowly together.");
    }

    @Test
    void aLanguageWithItsOwnAnswersIsAnsweredInIt() {
        CareLibrary bilingual = CareLibrary.of(ReviewableFile.parse("test.tsv", englishBase()
                + "de\tfear\tany\tcalm\twarm gaze\tnod\tDu bist hier sicher.\n", 7));

        Situation german = new Situation("Ich habe Angst.", Optional.of(Situations.feeling(CareState.FEAR)), false,
                Situations.context("de", List.of()), Set.of());

        assertThat(bilingual.reason(german, RobotAbilities.everything()).response().text())
                .isEqualTo("Du bist hier sicher.");
    }

    @Test
    void aMistakeInTheFileIsRefusedWithItsLine() {
        assertThatThrownBy(() -> CareLibrary.of(ReviewableFile.parse("lib.tsv",
                "# header\nen\tanxiety\tany\tencouraging\tsmile\tdance\tHello.\n", 7)))
                .hasMessageContaining("lib.tsv line 2").hasMessageContaining("unknown motion \"dance\"");
        assertThatThrownBy(() -> CareLibrary.of(ReviewableFile.parse("lib.tsv",
                "en\tjoy\tany\twarm\tsmile\tnod\tHello.\n", 7)))
                .hasMessageContaining("lib.tsv line 1").hasMessageContaining("unknown emotion \"joy\"");
        assertThatThrownBy(() -> CareLibrary.of(ReviewableFile.parse("lib.tsv",
                "en\tanxiety\tany\twarm\tsmile\tHello.\n", 7)))
                .hasMessageContaining("lib.tsv line 1").hasMessageContaining("expected 7 columns");
        assertThatThrownBy(() -> CareLibrary.of(ReviewableFile.parse("lib.tsv",
                "en\tanxiety\tany\twarm\tsmile\tnod\tHello.\n", 7)))
                .hasMessageContaining("needs answers with intent \"any\" for every emotion");
        assertThatThrownBy(() -> CareLibrary.of(ReviewableFile.parse("lib.tsv", englishBase()
                + "en\tanxiety\tany\twarm\tsmile\tnod\t" + "x".repeat(401) + "\n", 7)))
                .hasMessageContaining("at most 400");
    }

    @Test
    void anyChangeOfAnAnswerChangesTheVersion_commentsDoNot() {
        String version = CareLibrary.of(ReviewableFile.parse("a", englishBase(), 7)).reasoner().templateVersion();

        assertThat(CareLibrary.of(ReviewableFile.parse("b", "# a comment\n\n" + englishBase(), 7)).reasoner()
                .templateVersion()).isEqualTo(version);
        assertThat(CareLibrary.of(ReviewableFile.parse("c", englishBase().replace("Hello", "Hi"), 7)).reasoner()
                .templateVersion()).isNotEqualTo(version);
    }

    /** One English answer for every emotion, the least a library needs. */
    private static String englishBase() {
        StringBuilder lines = new StringBuilder();
        for (String emotion : List.of("anxiety", "sadness", "anger", "fear", "frustration", "neutral", "positive",
                "none")) {
            lines.append("en\t").append(emotion).append("\tany\tneutral\tneutral\tnone\tHello, ").append(emotion)
                    .append(".\n");
        }
        return lines.toString();
    }
}
