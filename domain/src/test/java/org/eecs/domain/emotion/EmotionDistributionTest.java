package org.eecs.domain.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmotionDistributionTest {

    private static EmotionDistribution of(String classes, double... probabilities) {
        return EmotionDistribution.of(List.of(classes.split(",")), probabilities);
    }

    @Test
    void keepsTheModelsClassOrder() {
        EmotionDistribution distribution = of("sad,neutral,happy", 0.2, 0.3, 0.5);

        assertThat(distribution.probabilities().keySet()).containsExactly("sad", "neutral", "happy");
        assertThat(distribution.classes()).containsExactly("sad", "neutral", "happy");
    }

    @Test
    void dominantIsTheMostProbable() {
        assertThat(of("sad,neutral,happy", 0.2, 0.3, 0.5).dominant()).isEqualTo("happy");
    }

    @Test
    void tieGoesToTheClassListedFirst() {
        assertThat(of("neutral,sad,happy", 0.4, 0.4, 0.2).dominant()).isEqualTo("neutral");
        assertThat(of("sad,neutral,happy", 0.4, 0.4, 0.2).dominant()).isEqualTo("sad");
    }

    @Test
    void unknownClassHasProbabilityZero() {
        EmotionDistribution distribution = of("sad,happy", 0.25, 0.75);

        assertThat(distribution.probabilityOf("happy")).isEqualTo(0.75);
        assertThat(distribution.probabilityOf("angry")).isZero();
    }

    @Test
    void negativeProbability_isRejected() {
        assertThatThrownBy(() -> of("sad,happy", -0.1, 1.1))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("the probability of sad must be between 0 and 1, got -0.1");
    }

    @Test
    void probabilityAboveOneOrNotANumber_isRejected() {
        assertThatThrownBy(() -> of("happy", 1.5)).isInstanceOf(DomainViolation.class).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> of("happy", Double.NaN)).isInstanceOf(DomainViolation.class).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> of("happy", Double.POSITIVE_INFINITY)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void distributionNotSummingToOne_isRejectedSayingTheSum() {
        assertThatThrownBy(() -> of("sad,neutral,happy", 0.2, 0.3, 0.4))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("must sum to 1")
                .hasMessageContaining("got sum 0.9");
    }

    @Test
    void roundingWithinOneMillionthIsTolerated() {
        assertThat(of("sad,happy", 0.3333334, 0.6666670).dominant()).isEqualTo("happy");
        assertThatThrownBy(() -> of("sad,happy", 0.333, 0.666)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void emptyDistribution_isRejected() {
        assertThatThrownBy(() -> new EmotionDistribution(Map.of()))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("at least one class");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Happy", "", " ", "very-sad", "1sad", "_sad", "happy face"})
    void malformedClassName_isRejected(String name) {
        assertThatThrownBy(() -> new EmotionDistribution(Map.of(name, 1.0)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("lower-case letters and underscores")
                .hasMessageContaining("\"" + name + "\"");
    }

    @Test
    void classNamesMayContainUnderscores() {
        assertThat(new EmotionDistribution(Map.of("mildly_sad", 1.0)).dominant()).isEqualTo("mildly_sad");
    }

    @Test
    void eachClassNeedsExactlyOneProbability() {
        assertThatThrownBy(() -> EmotionDistribution.of(List.of("sad", "happy"), new double[] {1.0}))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("each emotion class needs one probability, got 2 classes and 1 probabilities");
        assertThatThrownBy(() -> EmotionDistribution.of(List.of("sad", "sad"), new double[] {0.5, 0.5}))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("\"sad\" appears more than once");
    }

    @Test
    void probabilitiesAreCopied() {
        Map<String, Double> probabilities = new LinkedHashMap<>(Map.of("happy", 1.0));
        EmotionDistribution distribution = new EmotionDistribution(probabilities);

        probabilities.put("sad", 0.0);

        assertThat(distribution.probabilities()).containsOnlyKeys("happy");
        assertThatThrownBy(() -> distribution.probabilities().put("sad", 0.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
