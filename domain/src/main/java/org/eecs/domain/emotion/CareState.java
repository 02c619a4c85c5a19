package org.eecs.domain.emotion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The patient's emotional state as care sees it: the states of the paper's experiment (anxiety, sadness, anger,
 * fear, frustration) and the two that need no comfort (neutral, positive). A fused observation is a distribution
 * over these, in this order.
 */
public enum CareState {
    ANXIETY,
    SADNESS,
    ANGER,
    FEAR,
    FRUSTRATION,
    NEUTRAL,
    POSITIVE;

    /** The class name in a distribution, e.g. "anxiety". */
    public String className() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> classNames() {
        return Arrays.stream(values()).map(CareState::className).toList();
    }
}
