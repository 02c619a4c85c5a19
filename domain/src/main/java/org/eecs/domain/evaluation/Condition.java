package org.eecs.domain.evaluation;

/** The paper's ablation (its Table II): the same role-play answered with the patient's emotion and without it. */
public enum Condition {
    WITH_EMOTION_INPUT("with emotion input", true),
    WITHOUT_EMOTION_INPUT("without emotion input", false);

    private final String label;
    private final boolean emotionInput;

    Condition(String label, boolean emotionInput) {
        this.label = label;
        this.emotionInput = emotionInput;
    }

    public String label() {
        return label;
    }

    /** Whether the session gives reasoning the patient's emotion. */
    public boolean emotionInput() {
        return emotionInput;
    }
}
