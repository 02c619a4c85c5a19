package org.eecs.application.port.in;

import org.eecs.domain.turn.TurnId;

/** The turn does not exist in that session, or the caller may not know of it. */
public class UnknownTurn extends NotFound {

    public UnknownTurn(TurnId turn) {
        super("no turn " + turn + " in this care session");
    }
}
