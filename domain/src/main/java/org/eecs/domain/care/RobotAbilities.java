package org.eecs.domain.care;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * What one robot can actually perform: the tones its voice renders, the expressions its face shows and the
 * motions its library holds, each a subset of the closed vocabularies. Reasoning offers only these words to the
 * language model and generation renders only these, so both read them from the same robot profile.
 * The calm choice (neutral tone, neutral face, no motion) is always among them: it is what the robot falls back to.
 */
public record RobotAbilities(Set<Tone> tones, Set<FacialExpression> faces, Set<Motion> motions) {

    public RobotAbilities {
        tones = including("tones", tones, Tone.NEUTRAL);
        faces = including("facial expressions", faces, FacialExpression.NEUTRAL);
        motions = including("motions", motions, Motion.NONE);
    }

    /** A robot that has every word of the vocabularies. */
    public static RobotAbilities everything() {
        return new RobotAbilities(EnumSet.allOf(Tone.class), EnumSet.allOf(FacialExpression.class),
                EnumSet.allOf(Motion.class));
    }

    /** Whether this robot can perform the response as it stands: its tone, face and motion are all its own. */
    public boolean canPerform(CareResponse response) {
        return tones.contains(response.tone()) && faces.contains(response.face()) && motions.contains(response.motion());
    }

    private static <E extends Enum<E>> Set<E> including(String kind, Set<E> words, E calm) {
        Require.present(kind, words);
        if (!words.contains(calm)) {
            throw new DomainViolation("a robot's " + kind + " must include " + Vocabulary.label(calm)
                    + " (what it falls back to), got " + words);
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(words));
    }
}
