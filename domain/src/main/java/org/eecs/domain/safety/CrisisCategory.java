package org.eecs.domain.safety;

import java.util.Locale;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/** The kinds of crisis a patient's words can reveal; each gets its own clinician-approved reply. */
public enum CrisisCategory {
    SUICIDE,
    SELF_HARM,
    ABUSE,
    MEDICAL_EMERGENCY;

    /** Accepts "self-harm", "self_harm" and "SELF HARM" alike, as a clinician would write it in a file. */
    public static CrisisCategory fromLabel(String label) {
        Require.present("crisis category", label);
        String name = label.strip().replaceAll("[\\s_-]+", "_").toUpperCase(Locale.ROOT);
        for (CrisisCategory category : values()) {
            if (category.name().equals(name)) {
                return category;
            }
        }
        throw new DomainViolation("unknown crisis category " + Require.quote(label)
                + "; allowed: suicide, self-harm, abuse, medical-emergency");
    }

    /** The lower-case, hyphenated form, e.g. "self-harm". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
