package org.eecs.domain.care;

/**
 * The facial expressions from the paper's Table II: what the robot's face shows.
 * A closed list, because the face animation has exactly these.
 */
public enum FacialExpression {
    NEUTRAL,
    SMILE,
    WARM_GAZE,
    CONCERNED,
    ATTENTIVE,
    SURPRISED,
    SAD;

    /** Accepts "warm gaze", "Warm-Gaze" and "WARM_GAZE" alike. */
    public static FacialExpression fromLabel(String label) {
        return Vocabulary.parse(FacialExpression.class, "facial expression", label);
    }

    /** The lower-case words, e.g. for a prompt or a screen. */
    public String label() {
        return Vocabulary.label(this);
    }
}
