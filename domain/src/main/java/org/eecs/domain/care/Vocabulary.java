package org.eecs.domain.care;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * Reads the robot's closed vocabularies from the words a language model or a clinician would write:
 * case does not matter and spaces, hyphens and underscores are interchangeable, so "lean forward and nod",
 * "Lean-Forward-And-Nod" and "LEAN_FORWARD_AND_NOD" are the same motion. Anything else is refused with
 * the list of what is allowed, because the robot cannot perform what it does not have.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    static <E extends Enum<E>> E parse(Class<E> vocabulary, String kind, String label) {
        Require.present(kind, label);
        String name = label.strip().replaceAll("[\\s_-]+", "_").toUpperCase(Locale.ROOT);
        for (E word : vocabulary.getEnumConstants()) {
            if (word.name().equals(name)) {
                return word;
            }
        }
        throw new DomainViolation("unknown " + kind + " " + Require.quote(label) + "; allowed: "
                + Arrays.stream(vocabulary.getEnumConstants()).map(Vocabulary::label).collect(Collectors.joining(", ")));
    }

    static String label(Enum<?> word) {
        return word.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
