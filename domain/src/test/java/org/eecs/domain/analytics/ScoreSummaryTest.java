package org.eecs.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.rating.LikertScore;
import org.junit.jupiter.api.Test;

class ScoreSummaryTest {

    static List<LikertScore> scores(int... values) {
        return Arrays.stream(values).mapToObj(LikertScore::new).toList();
    }

    @Test
    void fiveRatings_meanAndStudentTIntervalAsComputedByHand() {
        ScoreSummary summary = ScoreSummary.of(scores(5, 4, 4, 5, 3));

        // mean 21 / 5 = 4.2; squared deviations 0.64 + 0.04 + 0.04 + 0.64 + 1.44 = 2.8; s = sqrt(2.8 / 4) = 0.836660
        // half-width = t(0.975, 4) * s / sqrt(5) = 2.776445 * 0.836660 / 2.236068 = 1.038851
        assertThat(summary.count()).isEqualTo(5);
        assertThat(summary.mean()).isCloseTo(4.2, within(1e-12));
        assertThat(summary.standardDeviation()).isCloseTo(Math.sqrt(0.7), within(1e-12));
        assertThat(summary.low()).isCloseTo(3.161149366316, within(1e-9));
        assertThat(summary.high()).isCloseTo(5.238850633684, within(1e-9));
        assertThat(summary.halfWidth()).isCloseTo(1.038850633684, within(1e-9));
    }

    @Test
    void identicalRatings_haveAnIntervalOfNoWidth() {
        ScoreSummary summary = ScoreSummary.of(scores(4, 4, 4, 4, 4, 4));

        assertThat(summary.mean()).isEqualTo(4.0);
        assertThat(summary.low()).isEqualTo(4.0);
        assertThat(summary.high()).isEqualTo(4.0);
    }

    @Test
    void theIntervalIsNotCutToTheScale_itSaysHowUncertainTheMeanIs() {
        // two ratings: t(0.975, 1) = 12.706205, s = sqrt(8) = 2.828427, half-width 12.706205 * 2 = 25.412409
        ScoreSummary summary = ScoreSummary.of(scores(5, 1));

        assertThat(summary.low()).isCloseTo(-22.412409472349, within(1e-9));
        assertThat(summary.high()).isCloseTo(28.412409472349, within(1e-9));
    }

    @Test
    void oneRatingHasNoInterval() {
        assertThatThrownBy(() -> ScoreSummary.of(scores(5))).isInstanceOf(DomainViolation.class)
                .hasMessage("a confidence interval needs at least 2 ratings, got 1");
        assertThatThrownBy(() -> ScoreSummary.of(List.of())).isInstanceOf(DomainViolation.class);
    }
}
