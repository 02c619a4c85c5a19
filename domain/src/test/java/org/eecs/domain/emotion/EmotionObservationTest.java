package org.eecs.domain.emotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmotionObservationTest {

    private static final EmotionDistribution CALM = new EmotionDistribution(Map.of("neutral", 1.0));
    private static final ModelRef MODEL = new ModelRef("fer-vit", "2.1.0");
    private static final Instant NOW = Instant.parse("2025-03-01T09:05:00Z");
    private static final TimeWindow WINDOW = new TimeWindow(NOW, NOW.plusSeconds(3));

    @Test
    void observationCarriesItsDominantEmotion() {
        EmotionObservation face = new EmotionObservation(Modality.FACE, CALM, 0.8, MODEL, WINDOW);

        assertThat(face.dominant()).isEqualTo("neutral");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void confidenceOutsideZeroToOne_isRejected(double confidence) {
        assertThatThrownBy(() -> new EmotionObservation(Modality.FACE, CALM, confidence, MODEL, WINDOW))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("confidence must be between 0 and 1, got " + confidence);
    }

    @Test
    void confidenceBoundsAreInclusive() {
        assertThat(new EmotionObservation(Modality.FUSED, CALM, 0.0, MODEL, WINDOW).confidence()).isZero();
        assertThat(new EmotionObservation(Modality.FUSED, CALM, 1.0, MODEL, WINDOW).confidence()).isOne();
    }

    @Test
    void modelIsNamedAndVersioned() {
        assertThat(MODEL.toString()).isEqualTo("fer-vit@2.1.0");
        assertThatThrownBy(() -> new ModelRef("fer-vit", " "))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("model version must not be blank");
        assertThatThrownBy(() -> new ModelRef("", "1"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("model name must not be blank");
    }
}
