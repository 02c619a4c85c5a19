package org.eecs.domain.turn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eecs.domain.Require;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.session.CareSessionId;

/**
 * A turn taken and not yet recorded: all of it but its number within the session, which it is given as it is
 * recorded, the session's next once the session is held for it (two turns of one session recorded at once are
 * numbered one after the other). It keeps a turn's rules; it is not interrupted yet.
 */
public record TurnDraft(TurnId id, CareSessionId session, Instant at, String utterance,
                        List<EmotionObservation> observations, CareResponse response, boolean emotionWithheld,
                        StageLatencies latencies, AnsweredBy answeredBy, Optional<EscalationId> escalation) {

    public TurnDraft {
        Require.present("turn id", id);
        Require.present("care session", session);
        observations = Turn.checkedContent(at, utterance, observations, response, latencies, answeredBy, escalation);
    }

    /** The turn as recorded: its session's {@code sequence}th. */
    public Turn numbered(int sequence) {
        return new Turn(id, session, sequence, at, utterance, observations, response, emotionWithheld, latencies,
                answeredBy, escalation, Optional.empty());
    }
}
