package org.eecs.domain.care;

/**
 * The tones of voice from the paper's Table II: how the robot's voice sounds.
 * A closed list, because the speech synthesiser can only render these.
 */
public enum Tone {
    NEUTRAL,
    ENCOURAGING,
    GENTLE,
    CALM,
    WARM,
    REASSURING,
    CHEERFUL;

    /** Accepts "reassuring", "Reassuring" and "REASSURING" alike. */
    public static Tone fromLabel(String label) {
        return Vocabulary.parse(Tone.class, "tone", label);
    }

    /** The lower-case words, e.g. for a prompt or a screen. */
    public String label() {
        return Vocabulary.label(this);
    }
}
