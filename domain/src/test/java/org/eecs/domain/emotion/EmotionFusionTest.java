package org.eecs.domain.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.TimeWindow;
import org.junit.jupiter.api.Test;

class EmotionFusionTest {

    private static final TimeWindow UTTERANCE =
            new TimeWindow(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:00:04Z"));
    private static final List<String> FER = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

    private final EmotionFusion fusion = new EmotionFusion();

    @Test
    void aSadFaceAlone_givesSadness_fromTheFaceOnly() {
        EmotionFusion.FusedState state = fusion.fuse(Optional.of(face(0.8, 0, 0, 0, 0, 0.9, 0, 0.1)), Optional.empty(),
                UTTERANCE).orElseThrow();

        assertThat(state.dominant()).isEqualTo(CareState.SADNESS);
        assertThat(state.inputs()).containsExactly(Modality.FACE);
        assertThat(state.agreement()).isEqualTo(1.0);
        assertThat(state.observation().confidence()).isCloseTo(0.8, within(1e-9));
        assertThat(state.observation().modality()).isEqualTo(Modality.FUSED);
        assertThat(state.observation().model()).isEqualTo(EmotionFusion.MODEL);
        assertThat(state.observation().distribution().probabilityOf("sadness")).isCloseTo(0.9 * 0.85, within(1e-9));
    }

    @Test
    void anxiousWordsAlone_giveAnxiety_fromTheTextOnly() {
        EmotionFusion.FusedState state = fusion.fuse(Optional.empty(),
                Optional.of(text(0.7, Map.of("anxiety", 0.8, "neutral", 0.2))), UTTERANCE).orElseThrow();

        assertThat(state.dominant()).isEqualTo(CareState.ANXIETY);
        assertThat(state.inputs()).containsExactly(Modality.SPEECH_TEXT);
        assertThat(state.observation().confidence()).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void withNeitherFaceNorWords_thereIsNothingToFuse() {
        assertThat(fusion.fuse(Optional.empty(), Optional.empty(), UTTERANCE)).isEmpty();
    }

    @Test
    void whenFaceAndWordsAgree_theStateIsConfident() {
        EmotionFusion.FusedState state = fusion.fuse(Optional.of(face(0.9, 0, 0, 0.9, 0, 0, 0, 0.1)),
                Optional.of(text(0.9, Map.of("fear", 0.6, "anxiety", 0.4))), UTTERANCE).orElseThrow();

        assertThat(state.inputs()).isEqualTo(Set.of(Modality.FACE, Modality.SPEECH_TEXT));
        assertThat(state.dominant()).isEqualTo(CareState.FEAR);
        assertThat(state.agreement()).isGreaterThan(0.8);
        assertThat(state.observation().confidence()).isGreaterThan(0.7);
    }

    @Test
    void whenFaceAndWordsContradictEachOther_confidenceCollapses() {
        EmotionFusion.FusedState state = fusion.fuse(Optional.of(face(0.9, 0, 0, 0, 1.0, 0, 0, 0)),
                Optional.of(text(0.9, Map.of("sadness", 1.0))), UTTERANCE).orElseThrow();

        assertThat(state.agreement()).isCloseTo(0.0, within(1e-9));
        assertThat(state.observation().confidence()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void theMoreConfidentInputWeighsMore() {
        EmotionFusion.FusedState state = fusion.fuse(Optional.of(face(0.2, 1.0, 0, 0, 0, 0, 0, 0)),
                Optional.of(text(0.9, Map.of("sadness", 1.0))), UTTERANCE).orElseThrow();

        assertThat(state.dominant()).isEqualTo(CareState.SADNESS);
    }

    @Test
    void modalityWeightsShiftTheBalance() {
        Optional<EmotionObservation> angryFace = Optional.of(face(0.8, 1.0, 0, 0, 0, 0, 0, 0));
        Optional<EmotionObservation> sadWords = Optional.of(text(0.8, Map.of("sadness", 1.0)));

        assertThat(new EmotionFusion(3, 1).fuse(angryFace, sadWords, UTTERANCE).orElseThrow().dominant())
                .isEqualTo(CareState.ANGER);
        assertThat(new EmotionFusion(1, 3).fuse(angryFace, sadWords, UTTERANCE).orElseThrow().dominant())
                .isEqualTo(CareState.SADNESS);
    }

    @Test
    void anExpressionTheTableDoesNotKnow_countsAsNeutral() {
        EmotionObservation ferPlus = new EmotionObservation(Modality.FACE,
                EmotionDistribution.of(List.of("contempt", "happy"), new double[] {0.6, 0.4}), 0.9,
                new ModelRef("ferplus", "8"), UTTERANCE);

        EmotionFusion.FusedState state = fusion.fuse(Optional.of(ferPlus), Optional.empty(), UTTERANCE).orElseThrow();

        assertThat(state.dominant()).isEqualTo(CareState.NEUTRAL);
    }

    @Test
    void everyFacialExpressionMapsOntoAProperDistribution() {
        EmotionFusion.FACE_TO_CARE.forEach((expression, shares) ->
                assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum())
                        .as(expression).isCloseTo(1.0, within(1e-12)));
        assertThat(EmotionFusion.FACE_TO_CARE).containsOnlyKeys(FER);
        assertThat(EmotionFusion.FACE_CLASSES).containsExactlyElementsOf(FER);
    }

    @Test
    void textCuesOverOtherClassesAreRefused() {
        assertThatThrownBy(() -> fusion.fuse(Optional.empty(), Optional.of(text(0.5, Map.of("joy", 1.0))), UTTERANCE))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("joy");
    }

    @Test
    void anObservationOfTheWrongModalityIsRefused() {
        EmotionObservation words = text(0.5, Map.of("anxiety", 1.0));

        assertThatThrownBy(() -> fusion.fuse(Optional.of(words), Optional.empty(), UTTERANCE))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("FACE");
    }

    @Test
    void jensenShannonIsZeroForTheSameAndOneForDisjointDistributions() {
        assertThat(EmotionFusion.jensenShannon(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}))
                .isCloseTo(0, within(1e-12));
        assertThat(EmotionFusion.jensenShannon(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(1, within(1e-12));
    }

    private static EmotionObservation face(double confidence, double... ferProbabilities) {
        return new EmotionObservation(Modality.FACE, EmotionDistribution.of(FER, ferProbabilities), confidence,
                new ModelRef("emotion-fer2013-minixception", "1"), UTTERANCE);
    }

    private static EmotionObservation text(double confidence, Map<String, Double> careStates) {
        return new EmotionObservation(Modality.SPEECH_TEXT, new EmotionDistribution(new LinkedHashMap<>(careStates)),
                confidence, new ModelRef("all-minilm-l6-v2-exemplars", "1"), UTTERANCE);
    }
}
