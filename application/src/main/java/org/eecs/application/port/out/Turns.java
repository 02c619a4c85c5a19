package org.eecs.application.port.out;

import java.util.List;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.Turn;

/** The turns of care sessions: what the patient said and showed, and how the robot answered. */
public interface Turns {

    void save(Turn turn);

    /** The session's turns in sequence order. */
    List<Turn> of(CareSessionId session);
}
