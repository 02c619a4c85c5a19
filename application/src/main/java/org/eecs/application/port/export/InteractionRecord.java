package org.eecs.application.port.export;

import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Turn;

/**
 * One line of a session's interaction log: the session itself, each consent version of its patient, each turn
 * (utterance, emotion observations, response, whether emotion was withheld, latencies), and each audit event about
 * the session. Escalations and the reasoner behind each response join here as further record kinds when they
 * exist (issue 5).
 */
public sealed interface InteractionRecord {

    record Session(CareSession session) implements InteractionRecord {
    }

    record ConsentVersion(Consent consent) implements InteractionRecord {
    }

    record TurnTaken(Turn turn) implements InteractionRecord {
    }

    record Audited(ChainedAuditEvent event) implements InteractionRecord {
    }
}
