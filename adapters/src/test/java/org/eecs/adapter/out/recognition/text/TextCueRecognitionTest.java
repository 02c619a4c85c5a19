package org.eecs.adapter.out.recognition.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Text cues on the real all-MiniLM-L6-v2 model and the bundled exemplars. */
class TextCueRecognitionTest {

    private final SentenceEmbeddingTextCues textCues = TextCuesOnTheRealModel.textCues();

    private EmotionObservation cuesIn(String transcript) {
        return textCues.cuesIn(transcript, TextCuesOnTheRealModel.WINDOW).orElseThrow();
    }

    @Test
    void thePapersOverwhelmedPatientReadsAsAnxious() {
        assertThat(cuesIn("I feel overwhelmed and don't know what to do.").dominant()).isEqualTo("anxiety");
    }

    @Test
    void thePapersComplaintOfUnfairnessReadsAsAngerOrFrustration() {
        assertThat(cuesIn("Why is everything so unfair to me?").dominant()).isIn("anger", "frustration");
    }

    /**
     * The sad, fearful and positive sentences are not exemplars; the neutral one is (the reference neutral sentence,
     * which without its exemplar reads as positive: "mild" sounds pleasant).
     */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            I am so unhappy, I cry every night since my dog died. | sadness
            I'm really scared that the pain will come back tonight. | fear
            The weather is mild today. | neutral
            What a lovely afternoon, I'm really happy you came. | positive
            """)
    void clearSentencesReadAsTheirState(String sentence, String state) {
        assertThat(cuesIn(sentence).dominant()).isEqualTo(state);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t", "... ?!"})
    void aTranscriptWithoutWordsGivesNoObservation(String transcript) {
        Optional<EmotionObservation> observation = textCues.cuesIn(transcript, TextCuesOnTheRealModel.WINDOW);

        assertThat(observation).isEmpty();
    }

    @Test
    void theDistributionIsOverTheCareStatesInTheirOrderAndSumsToOne() {
        EmotionObservation observation = cuesIn("I don't know, maybe I'm just tired.");

        assertThat(observation.distribution().classes()).isEqualTo(CareState.classNames());
        double sum = observation.distribution().probabilities().values().stream().mapToDouble(Double::doubleValue)
                .sum();
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theObservationIsOfTheWordsOverItsWindowAndNamesTheModelAndExemplarVersion() {
        EmotionObservation observation = cuesIn("I'm afraid of the dark.");

        assertThat(observation.modality()).isEqualTo(Modality.SPEECH_TEXT);
        assertThat(observation.window()).isEqualTo(TextCuesOnTheRealModel.WINDOW);
        assertThat(observation.model().name()).isEqualTo("all-minilm-l6-v2+eecs-exemplars");
        assertThat(observation.model().version()).isEqualTo(TextCueExemplars.bundled().version());
        assertThat(observation.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void aClearCueIsMoreConfidentThanWordsWithoutOne() {
        double clear = cuesIn("I'm terrified, please help me, I'm so scared.").confidence();
        double vague = cuesIn("The hallway is long.").confidence();

        assertThat(clear).isGreaterThan(vague);
    }
}
