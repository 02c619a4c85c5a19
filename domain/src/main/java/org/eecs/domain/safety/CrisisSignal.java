package org.eecs.domain.safety;

import org.eecs.domain.Require;

/**
 * Crisis language heard in what the patient said, and why the detector thinks so (the rule that matched, or the
 * example sentence it resembled and how closely), so that a clinician can judge the call.
 */
public record CrisisSignal(CrisisCategory category, String evidence) {

    public static final int MAX_EVIDENCE_LENGTH = 500;

    public CrisisSignal {
        Require.present("crisis category", category);
        Require.text("evidence", evidence, MAX_EVIDENCE_LENGTH);
    }
}
