package org.eecs.domain.analytics;

import org.eecs.domain.DomainViolation;

/**
 * Student's t distribution, for confidence intervals of a mean estimated from few ratings, where the normal
 * distribution's 1.96 would claim more certainty than the data give (with 5 ratings the 95% factor is 2.776).
 *
 * <p>The probability that |T| &le; t with {@code df} degrees of freedom is computed exactly by the finite series of
 * Abramowitz and Stegun (26.7.3 and 26.7.4), with {@code theta = atan(t / sqrt(df))}:
 * <ul>
 *   <li>df odd: {@code (2/pi) (theta + sin(theta) (cos(theta) + 2/3 cos^3 + 2*4/(3*5) cos^5 + ... up to cos^(df-2)))},
 *       the bracket being empty for df = 1;
 *   <li>df even: {@code sin(theta) (1 + 1/2 cos^2 + 1*3/(2*4) cos^4 + ... up to cos^(df-2))}.
 * </ul>
 * The critical value is found by bisection on that probability, which rises strictly with t.
 */
public final class StudentT {

    private static final int BISECTION_STEPS = 200;
    /** A term this much smaller than the sum so far changes no digit of a double: the series stops there. */
    private static final double NEGLIGIBLE = 1e-17;

    private StudentT() {
    }

    /** P(|T| &le; t) for t &ge; 0. */
    public static double centralProbability(double t, int degreesOfFreedom) {
        requireDegrees(degreesOfFreedom);
        if (!(t >= 0) || Double.isNaN(t)) {
            throw new DomainViolation("t must be zero or more, got " + t);
        }
        if (Double.isInfinite(t)) {
            return 1.0;
        }
        double theta = Math.atan(t / Math.sqrt(degreesOfFreedom));
        double sin = Math.sin(theta);
        double cos2 = Math.cos(theta) * Math.cos(theta);
        if (degreesOfFreedom % 2 == 1) {
            double sum = 0;
            double term = Math.cos(theta);
            for (int k = 3; k <= degreesOfFreedom && term > NEGLIGIBLE * sum; k += 2) {
                sum += term;
                term *= cos2 * (k - 1) / k;
            }
            return Math.min(1.0, 2 / Math.PI * (theta + sin * sum));
        }
        double sum = 0;
        double term = 1;
        for (int k = 2; k <= degreesOfFreedom && term > NEGLIGIBLE * sum; k += 2) {
            sum += term;
            term *= cos2 * (k - 1) / k;
        }
        return Math.min(1.0, sin * sum);
    }

    /**
     * The t such that P(|T| &le; t) is the given confidence, e.g. 2.776 for 0.95 with 4 degrees of freedom: the
     * half-width of a confidence interval of a mean, in standard errors.
     */
    public static double criticalValue(double confidence, int degreesOfFreedom) {
        requireDegrees(degreesOfFreedom);
        if (!(confidence > 0 && confidence < 1)) {
            throw new DomainViolation("a confidence level lies strictly between 0 and 1, got " + confidence);
        }
        double low = 0;
        double high = 1;
        while (centralProbability(high, degreesOfFreedom) < confidence) {
            high *= 2;
        }
        for (int step = 0; step < BISECTION_STEPS && high - low > 1e-12 * high; step++) {
            double middle = (low + high) / 2;
            if (centralProbability(middle, degreesOfFreedom) < confidence) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    private static void requireDegrees(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new DomainViolation("Student's t needs at least 1 degree of freedom, got " + degreesOfFreedom);
        }
    }
}
