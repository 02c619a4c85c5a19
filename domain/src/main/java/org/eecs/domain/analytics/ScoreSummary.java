package org.eecs.domain.analytics;

import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.rating.LikertScore;

/**
 * The mean care-experience score of a group of ratings, with its 95% confidence interval.
 *
 * <p>With n ratings x1..xn: the mean is their sum over n; the standard deviation s is the sample one (the sum of
 * squared deviations over n - 1); the interval is mean &plusmn; t * s / sqrt(n), where t is Student's critical value
 * for 95% with n - 1 degrees of freedom ({@link StudentT}). Student's t rather than the normal 1.96 because groups
 * are small: for 5 ratings t is 2.776, for 30 it is 2.045, and it tends to 1.960 as n grows. The interval is not cut
 * to the scale's 1 to 5: it says how uncertain the mean is, and a bound beyond the scale says that plainly.
 *
 * @param count              the number of ratings, at least 2
 * @param mean               their mean, 1 to 5
 * @param standardDeviation  the sample standard deviation
 * @param low                the lower bound of the 95% confidence interval of the mean
 * @param high               the upper bound
 */
public record ScoreSummary(int count, double mean, double standardDeviation, double low, double high) {

    public static final double CONFIDENCE = 0.95;

    public ScoreSummary {
        if (count < 2) {
            throw new DomainViolation("a confidence interval needs at least 2 ratings, got " + count);
        }
        if (!(low <= mean && mean <= high) || !(standardDeviation >= 0)) {
            throw new DomainViolation("a summary's interval must hold its mean and its deviation be zero or more, got "
                    + low + " <= " + mean + " <= " + high + ", deviation " + standardDeviation);
        }
    }

    public static ScoreSummary of(List<LikertScore> scores) {
        Require.present("scores", scores);
        int n = scores.size();
        if (n < 2) {
            throw new DomainViolation("a confidence interval needs at least 2 ratings, got " + n);
        }
        long sum = 0;
        for (LikertScore score : scores) {
            sum += Require.present("score", score).value();
        }
        double mean = (double) sum / n;
        double squares = 0;
        for (LikertScore score : scores) {
            double deviation = score.value() - mean;
            squares += deviation * deviation;
        }
        double deviation = Math.sqrt(squares / (n - 1));
        double halfWidth = StudentT.criticalValue(CONFIDENCE, n - 1) * deviation / Math.sqrt(n);
        return new ScoreSummary(n, mean, deviation, mean - halfWidth, mean + halfWidth);
    }

    public double halfWidth() {
        return (high - low) / 2;
    }
}
