package org.eecs.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {

    /** The 97.5% quantiles of printed t tables (12.706, 4.303, 3.182...), to the digits SciPy's t.ppf gives. */
    @ParameterizedTest(name = "{0} degrees of freedom: {1}")
    @CsvSource({
            "1, 12.706204736174694",
            "2, 4.302652729749462",
            "3, 3.1824463052837078",
            "4, 2.7764451051977934",
            "5, 2.5705818356363146",
            "9, 2.262157162798205",
            "11, 2.200985160091639",
            "29, 2.045229642132703",
            "100, 1.9839715185235518",
            "1000, 1.9623390808264083"})
    void theNinetyFivePercentCriticalValueIsThatOfTheTables(int degreesOfFreedom, double expected) {
        assertThat(StudentT.criticalValue(0.95, degreesOfFreedom)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void withManyDegreesOfFreedomItApproachesTheNormalsValue() {
        assertThat(StudentT.criticalValue(0.95, 1_000_000)).isCloseTo(1.959963984540054, within(1e-5));
    }

    @Test
    void theCentralProbabilityOfOneDegreeIsTheCauchys() {
        // with 1 degree of freedom t is Cauchy: P(|T| <= 1) = 2 atan(1) / pi = 1/2
        assertThat(StudentT.centralProbability(1, 1)).isCloseTo(0.5, within(1e-15));
        assertThat(StudentT.centralProbability(0, 7)).isZero();
        assertThat(StudentT.centralProbability(Double.POSITIVE_INFINITY, 7)).isEqualTo(1.0);
    }

    @Test
    void otherConfidenceLevelsAreAnsweredToo() {
        // two degrees of freedom have a closed form: t = 2c / sqrt(2 (1 - c^2)); c = 0.90 gives 2.919986
        assertThat(StudentT.criticalValue(0.90, 2)).isCloseTo(1.8 / Math.sqrt(2 * (1 - 0.81)), within(1e-9));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> StudentT.criticalValue(0.95, 0)).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("at least 1 degree of freedom");
        assertThatThrownBy(() -> StudentT.criticalValue(1.0, 4)).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> StudentT.centralProbability(-1, 4)).isInstanceOf(DomainViolation.class);
    }
}
