package org.eecs.domain.care;

/**
 * What the robot's body does, one entry per clip in its motion library.
 * A closed list, because the robot cannot perform a movement it has no clip for.
 */
public enum Motion {
    NONE,
    NOD,
    LEAN_FORWARD,
    LEAN_FORWARD_AND_NOD,
    OPEN_ARMS,
    HEAD_TILT,
    GENTLE_WAVE,
    HAND_ON_HEART,
    IDLE_BREATHING;

    /** Accepts "lean forward and nod", "Lean-Forward-And-Nod" and "LEAN_FORWARD_AND_NOD" alike. */
    public static Motion fromLabel(String label) {
        return Vocabulary.parse(Motion.class, "motion", label);
    }

    /** The lower-case words, e.g. for a prompt or a screen. */
    public String label() {
        return Vocabulary.label(this);
    }
}
