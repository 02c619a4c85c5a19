package org.eecs.domain.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LikertScoreTest {

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource({"1, poor", "2, fair", "3, neutral", "4, good", "5, excellent"})
    void eachScoreHasItsLabel(int value, String label) {
        assertThat(new LikertScore(value).label()).isEqualTo(label);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1, 10})
    void scoreOutsideOneToFive_isRejected(int value) {
        assertThatThrownBy(() -> new LikertScore(value))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("a care-experience rating is 1 to 5 on the Likert scale, got " + value);
    }
}
