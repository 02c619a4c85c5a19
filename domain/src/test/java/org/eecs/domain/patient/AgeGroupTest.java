package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeGroupTest {

    private static final Year YEAR = Year.of(2025);

    @ParameterizedTest(name = "aged {0} is {1}")
    @CsvSource({
            "13, OTHER",
            "14, YOUTH",
            "24, YOUTH",
            "25, ADULT",
            "40, ADULT",
            "41, SENIOR",
            "60, SENIOR",
            "61, OTHER",
            "0, OTHER",
            "-1, OTHER"
    })
    void ageGroupBoundaries(int age, AgeGroup expected) {
        assertThat(AgeGroup.at(YEAR.getValue() - age, YEAR)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource({
            "YOUTH, youth (14-24)",
            "ADULT, adult (25-40)",
            "SENIOR, senior (41-60)",
            "OTHER, other (under 14 or over 60)"
    })
    void labelShowsTheBand(AgeGroup group, String label) {
        assertThat(group.label()).isEqualTo(label);
    }
}
