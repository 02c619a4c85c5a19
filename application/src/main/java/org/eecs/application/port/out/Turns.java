package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;

/** The turns of care sessions: what the patient said and showed, and how the robot answered. */
public interface Turns {

    /**
     * Records the draft as its session's next turn, numbered after the session's last (1 for its first), if the
     * session is in the state expected; in one step that first holds the session until the unit of work ends, so
     * that turns of one session recorded at once (by two instances) are numbered one after the other, and a session
     * that moved on meanwhile (consent withdrawn) is seen as it is now and takes no turn. With the robot's retry key,
     * the key (claimed before the turn was taken, and still being answered) is answered by the turn recorded, in the
     * same step: a robot asking again under it is given this turn's answer from the moment the turn is recorded,
     * never before, and the key is left unanswered if no turn is recorded or the unit of work does not commit. The
     * turn is announced to the clinicians watching its session live when, and only if, its unit of work commits.
     */
    NextTurn recordNext(TurnDraft draft, SessionState expected, Optional<RetryKey> answering);

    /** What became of a session's next turn. */
    sealed interface NextTurn {

        /** Recorded, with the number it was given. */
        record Recorded(Turn turn) implements NextTurn {
        }

        /** Not recorded: the session, held, was no longer in the state expected but in this one. */
        record SessionMoved(SessionState state) implements NextTurn {
        }

        /** Not recorded: there is no such session. */
        record NoSuchSession() implements NextTurn {
        }
    }

    Optional<Turn> find(TurnId turn);

    /** The session's turns in sequence order. */
    List<Turn> of(CareSessionId session);

    /** The session's last {@code count} turns, in sequence order. */
    List<Turn> latest(CareSessionId session, int count);

    /** Records that the patient spoke over the turn's answer; a turn keeps its first report. */
    void interrupt(TurnId turn, Interruption interruption);
}
