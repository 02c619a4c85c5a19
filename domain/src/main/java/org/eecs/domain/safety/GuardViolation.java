package org.eecs.domain.safety;

import java.time.Instant;
import org.eecs.domain.Require;
import org.eecs.domain.session.CareSessionId;

/**
 * A language model's answer that the output guard refused, and why. The detail names what was found (a dosage,
 * a diagnosis phrase, the length) but never repeats an identifier the answer held.
 *
 * @param reasoner the reasoner whose answer it was, e.g. "openai Qwen/Qwen2.5-14B-Instruct care-prompt-1"
 */
public record GuardViolation(CareSessionId session, Instant at, Rule rule, String detail, String reasoner) {

    public static final int MAX_DETAIL_LENGTH = 500;

    public GuardViolation {
        Require.present("care session", session);
        Require.present("time", at);
        Require.present("rule", rule);
        Require.text("detail", detail, MAX_DETAIL_LENGTH);
        Require.text("reasoner", reasoner, 255);
    }

    /** What an answer to a patient must never do. */
    public enum Rule {
        /** Name or suggest a diagnosis: that is a clinician's. */
        DIAGNOSIS,
        /** Advise on medication or doses. */
        MEDICATION,
        /** Run past the length a spoken reply may have. */
        TOO_LONG,
        /** Repeat an identifier: the patient's alias, a record number, an e-mail address, a phone number. */
        IDENTIFIER,
        /** Step out of the care role: talk about its instructions, or take another role. */
        ROLE
    }
}
