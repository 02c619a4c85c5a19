package org.eecs.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.junit.jupiter.api.Test;

class DominantEmotionTest {

    @Test
    void theStateWithTheHighestMeanOverTheTurnsDominates_notTheOneThatWonMostTurns() {
        // anxiety wins two turns of three narrowly, sadness one turn by far: mean anxiety 0.4, sadness 0.5
        List<EmotionDistribution> turns = List.of(
                new EmotionDistribution(Map.of("anxiety", 0.5, "sadness", 0.4, "neutral", 0.1)),
                new EmotionDistribution(Map.of("anxiety", 0.5, "sadness", 0.3, "neutral", 0.2)),
                new EmotionDistribution(Map.of("anxiety", 0.2, "sadness", 0.8)));

        Map<CareState, Double> means = DominantEmotion.meanProbabilities(turns);

        assertThat(means.get(CareState.ANXIETY)).isCloseTo(0.4, within(1e-12));
        assertThat(means.get(CareState.SADNESS)).isCloseTo(0.5, within(1e-12));
        assertThat(means.get(CareState.ANGER)).isZero();
        assertThat(DominantEmotion.of(means)).contains(CareState.SADNESS);
    }

    @Test
    void aTieGoesToTheStateListedFirst() {
        assertThat(DominantEmotion.of(Map.of(CareState.FEAR, 0.5, CareState.ANGER, 0.5))).contains(CareState.ANGER);
    }

    @Test
    void aSessionWithoutFusedObservationsHasNone() {
        assertThat(DominantEmotion.meanProbabilities(List.of())).isEmpty();
        assertThat(DominantEmotion.of(Map.of())).isEmpty();
    }

    @Test
    void aMeanOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> DominantEmotion.of(Map.of(CareState.FEAR, 1.5)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("fear");
    }
}
