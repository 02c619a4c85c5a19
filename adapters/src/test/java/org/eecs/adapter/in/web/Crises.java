package org.eecs.adapter.in.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.application.port.in.RespondingToPatients.Reply;
import org.eecs.application.port.in.RespondingToPatients.Utterance;
import org.eecs.application.port.out.ReasonAboutCare.SessionContext;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.session.CareSessionId;

/**
 * Crisis language said in a running session, as the care-turn use case will pass it on (the robot API that does so
 * comes with the care-turn work): the reasoning raises the escalation the web tests then act on.
 */
final class Crises {

    private Crises() {
    }

    /** The robot's session hears the words; returns the escalation's id. */
    static String raise(RespondingToPatients reasoning, String robot, String session, String said) {
        Situation situation = new Situation(said, Optional.empty(), false,
                new SessionContext(List.of(), AgeGroup.ADULT, "en", Preferences.none(), "company"), Set.of());
        Reply reply = reasoning.respond(new Utterance(new Caller(new Actor(robot, Role.ROBOT), "127.0.0.1",
                WebFixtures.requestId(), "treatment"), CareSessionId.of(session), situation, false));
        return reply.escalation().orElseThrow(() -> new AssertionError("no crisis heard in \"" + said + "\""))
                .id().toString();
    }
}
