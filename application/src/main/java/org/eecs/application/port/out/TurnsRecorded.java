package org.eecs.application.port.out;

import org.eecs.domain.turn.Turn;

/**
 * Told of every turn once it is recorded, e.g. to count it. (The clinicians watching a session live are told by the
 * turn's record itself, at its commit: see {@code Turns.save}.)
 */
@FunctionalInterface
public interface TurnsRecorded {

    /** Called after the turn's unit of work has committed; must not fail the turn. */
    void recorded(Turn turn);
}
