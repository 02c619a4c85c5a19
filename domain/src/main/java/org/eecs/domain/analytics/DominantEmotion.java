package org.eecs.domain.analytics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;

/**
 * The emotion type a session is reported under: the care state with the highest mean probability in the session's
 * fused observations (one per turn at most), averaged over the turns that have one. A state a distribution does not
 * list counts as 0 in it. Ties go to the state listed first in {@link CareState} (anxiety before sadness...). A
 * session without any fused observation has no dominant emotion and is reported in a group of its own.
 *
 * <p>The mean is over what was observed, whether or not the emotion was used for the responses: in a session
 * without emotion input the patient still felt something, and the comparison with and without needs to know what.
 */
public final class DominantEmotion {

    private DominantEmotion() {
    }

    /** The dominant care state of these means (each state's mean fused probability); empty when there are none. */
    public static Optional<CareState> of(Map<CareState, Double> meanProbabilities) {
        Require.present("mean probabilities", meanProbabilities);
        CareState best = null;
        double bestMean = 0;
        for (CareState state : CareState.values()) {
            Double mean = meanProbabilities.get(state);
            if (mean != null && (!Double.isFinite(mean) || mean < 0 || mean > 1)) {
                throw new DomainViolation("a mean probability of " + state.className() + " lies between 0 and 1, got "
                        + mean);
            }
            if (mean != null && (best == null || mean > bestMean)) {
                best = state;
                bestMean = mean;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Each care state's mean probability over these fused distributions; empty for none. */
    public static Map<CareState, Double> meanProbabilities(List<EmotionDistribution> fused) {
        Require.present("fused distributions", fused);
        Map<CareState, Double> means = new EnumMap<>(CareState.class);
        if (fused.isEmpty()) {
            return means;
        }
        for (CareState state : CareState.values()) {
            double sum = 0;
            for (EmotionDistribution distribution : fused) {
                sum += distribution.probabilityOf(state.className());
            }
            means.put(state, sum / fused.size());
        }
        return means;
    }
}
