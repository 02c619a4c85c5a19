package org.eecs.application.port.out;

import java.util.List;
import java.util.Optional;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;

/**
 * What a care turn needs before anything is recognised, read at once: its session, the session's patient with their
 * preferences, the patient's consent history and what was said in the session's latest turns. Every robot opens a
 * turn several times a minute, so this is one read, consistent on its own (one snapshot of the records): the caller
 * needs no unit of work around it.
 */
public interface TurnOpenings {

    /**
     * The session with what its next turn needs, whoever asks (the caller decides who may see it); empty if there is
     * no such session.
     *
     * @param recentTurns how many of the session's latest turns to carry, at most
     */
    Optional<TurnOpening> of(CareSessionId session, int recentTurns);

    /**
     * @param recent what was said in the session's latest turns, oldest first: the context reasoning reads
     */
    record TurnOpening(CareSession session, Patient patient, ConsentHistory consents, List<Exchange> recent) {

        public TurnOpening {
            if (!patient.id().equals(session.patient()) || !consents.patient().equals(session.patient())) {
                throw new IllegalArgumentException("a turn's opening carries the session's own patient "
                        + session.patient() + ", got " + patient.id() + " and consents of " + consents.patient());
            }
            recent = List.copyOf(recent);
        }
    }
}
