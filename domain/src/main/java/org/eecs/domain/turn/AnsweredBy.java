package org.eecs.domain.turn;

import java.util.Optional;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * Who answered a turn, so that every answer stays attributable after prompts, libraries and models change: the kind
 * of reasoner, its name, the version of its prompt template (or of its reviewable file), and why the language model
 * did not answer when another reasoner did.
 *
 * @param fallbackReason only when the care library answered in the language model's stead
 */
public record AnsweredBy(Kind kind, String name, String templateVersion, Optional<String> fallbackReason) {

    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_VERSION_LENGTH = 64;
    public static final int MAX_REASON_LENGTH = 1000;

    public AnsweredBy {
        Require.present("reasoner kind", kind);
        Require.text("reasoner name", name, MAX_NAME_LENGTH);
        Require.text("template version", templateVersion, MAX_VERSION_LENGTH);
        Require.present("fallback reason", fallbackReason);
        fallbackReason.ifPresent(reason -> Require.text("fallback reason", reason, MAX_REASON_LENGTH));
        if (fallbackReason.isPresent() && kind != Kind.CARE_LIBRARY) {
            throw new DomainViolation("only the care library answers in the language model's stead, got a fallback "
                    + "reason for " + kind);
        }
    }

    /** The reasoners, in the order safety puts them. */
    public enum Kind {
        /** The fixed, clinician-approved reply to crisis language. */
        CRISIS_PROTOCOL,
        /** A large language model behind a versioned prompt template. */
        LANGUAGE_MODEL,
        /** The reviewable library of care responses. */
        CARE_LIBRARY
    }
}
