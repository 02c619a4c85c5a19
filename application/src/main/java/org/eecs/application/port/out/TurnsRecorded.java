package org.eecs.application.port.out;

import org.eecs.domain.turn.Turn;

/** Told of every turn once it is recorded, e.g. to show a running session live to its care team. */
@FunctionalInterface
public interface TurnsRecorded {

    /** Called after the turn's unit of work has committed; must not fail the turn. */
    void recorded(Turn turn);
}
