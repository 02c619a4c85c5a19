package org.eecs.application.fakes;

import java.util.Optional;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.TurnOpenings;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.session.CareSessionId;

/** A turn's opening drawn from the in-memory stores (one unit of work at a time: every read is consistent). */
public final class InMemoryTurnOpenings implements TurnOpenings {

    private final CareSessions sessions;
    private final Patients patients;
    private final Consents consents;
    private final Turns turns;

    public InMemoryTurnOpenings(CareSessions sessions, Patients patients, Consents consents, Turns turns) {
        this.sessions = sessions;
        this.patients = patients;
        this.consents = consents;
        this.turns = turns;
    }

    @Override
    public Optional<TurnOpening> of(CareSessionId id, int recentTurns) {
        return sessions.find(id).flatMap(session -> patients.find(session.patient()).map(patient ->
                new TurnOpening(session, patient, consents.historyOf(patient.id()),
                        turns.latest(id, recentTurns).stream().map(Exchange::of).toList())));
    }
}
