package org.eecs.domain.emotion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * A probability for each emotion class a model knows ("happy", "sad", "neutral"...). The classes keep
 * the model's own order, which also breaks ties in {@link #dominant()}. The probabilities must add up
 * to 1 (within {@value #SUM_TOLERANCE}), so a truncated or unnormalised model output is caught here.
 */
public record EmotionDistribution(Map<String, Double> probabilities) {

    public static final double SUM_TOLERANCE = 1e-6;
    private static final Pattern CLASS_NAME = Pattern.compile("[a-z][a-z_]*");

    public EmotionDistribution {
        Require.present("emotion probabilities", probabilities);
        if (probabilities.isEmpty()) {
            throw new DomainViolation("an emotion distribution needs at least one class, got none");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Double> entry : probabilities.entrySet()) {
            String emotion = entry.getKey();
            if (emotion == null || !CLASS_NAME.matcher(emotion).matches()) {
                throw new DomainViolation("an emotion class is lower-case letters and underscores, such as \"happy\", got "
                        + Require.quote(emotion));
            }
            Double p = entry.getValue();
            if (p == null || !Double.isFinite(p) || p < 0 || p > 1) {
                throw new DomainViolation("the probability of " + emotion + " must be between 0 and 1, got " + p);
            }
            copy.put(emotion, p);
            sum += p;
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new DomainViolation("emotion probabilities must sum to 1 (within " + SUM_TOLERANCE + "), got sum "
                    + sum + " over " + copy.keySet());
        }
        probabilities = Collections.unmodifiableMap(copy);
    }

    public static EmotionDistribution of(List<String> classes, double[] probabilities) {
        Require.present("emotion classes", classes);
        Require.present("probabilities", probabilities);
        if (classes.size() != probabilities.length) {
            throw new DomainViolation("each emotion class needs one probability, got " + classes.size()
                    + " classes and " + probabilities.length + " probabilities");
        }
        Map<String, Double> byClass = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            if (byClass.put(classes.get(i), probabilities[i]) != null) {
                throw new DomainViolation("emotion class " + Require.quote(classes.get(i)) + " appears more than once");
            }
        }
        return new EmotionDistribution(byClass);
    }

    /** The most probable emotion; on a tie, the one the model lists first. */
    public String dominant() {
        String best = null;
        double bestP = -1;
        for (Map.Entry<String, Double> entry : probabilities.entrySet()) {
            if (entry.getValue() > bestP) {
                best = entry.getKey();
                bestP = entry.getValue();
            }
        }
        return best;
    }

    /** Zero for a class this model does not know. */
    public double probabilityOf(String emotion) {
        return probabilities.getOrDefault(emotion, 0.0);
    }

    public List<String> classes() {
        return List.copyOf(probabilities.keySet());
    }
}
