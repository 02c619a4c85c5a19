package org.eecs.application.port.export;

import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Turn;

/**
 * One line of a session's interaction log: the session itself, each consent version of its patient, each turn
 * (utterance, emotion observations, response, whether emotion was withheld, latencies), each escalation raised in it,
 * each language-model answer the output guard refused (with the reasoner that gave it), and each audit event about
 * the session. The reasoner behind each turn's response joins the turn when turns record it (the care-turn work).
 */
public sealed interface InteractionRecord {

    record Session(CareSession session) implements InteractionRecord {
    }

    record ConsentVersion(Consent consent) implements InteractionRecord {
    }

    record TurnTaken(Turn turn) implements InteractionRecord {
    }

    record EscalationRaised(Escalation escalation) implements InteractionRecord {
    }

    record AnswerRefused(GuardViolation violation) implements InteractionRecord {
    }

    record Audited(ChainedAuditEvent event) implements InteractionRecord {
    }
}
