package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;

/** The turns of care sessions: what the patient said and showed, and how the robot answered. */
public interface Turns {

    /**
     * Stores a new turn; a second turn with the same session and sequence is refused. With the robot's retry key, the
     * key (claimed before the turn was taken, and still being answered) is answered by this turn in the same unit of
     * work: a robot asking again under it is given this turn's answer from the moment the turn is recorded, never
     * before, and the key is left unanswered if the turn's unit of work does not commit. The turn is announced to
     * the clinicians watching its session live when, and only if, its unit of work commits.
     */
    void save(Turn turn, Optional<RetryKey> answering);

    /** Stores a new turn that answers no retry key. */
    default void save(Turn turn) {
        save(turn, Optional.empty());
    }

    Optional<Turn> find(TurnId turn);

    /** The session's turns in sequence order. */
    List<Turn> of(CareSessionId session);

    /** The session's last {@code count} turns, in sequence order. */
    List<Turn> latest(CareSessionId session, int count);

    /**
     * Holds the session until the unit of work ends, and reads its state and the sequence number of its last turn (0
     * before its first), in one step: turns recorded at once (by two instances) are numbered one after the other,
     * and a session ended meanwhile (consent withdrawn) is seen ended. Empty if there is no such session.
     */
    Optional<HeldSession> holdForNextTurn(CareSessionId session);

    /** A session held for its next turn: its state under the hold, and its last turn's sequence number. */
    record HeldSession(SessionState state, int lastSequence) {
    }

    /** Records that the patient spoke over the turn's answer; a turn keeps its first report. */
    void interrupt(TurnId turn, Interruption interruption);
}
