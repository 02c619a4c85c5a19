package org.eecs.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.StageLatencies;

/**
 * The robot's answer to what the patient said, safety first: crisis language gets the fixed crisis reply and an
 * escalation; otherwise the language model answers when it is configured and the patient consented to external
 * processing, its answer checked by the output guard; the reviewable care library answers whenever the language
 * model does not (absent, not permitted, slow, invalid or guarded out).
 *
 * <p>Call it outside a unit of work: a language model's answer takes seconds, which no database transaction should
 * wait for, and an escalation is committed on its own so that it is kept whatever becomes of the rest of the turn.
 */
public interface RespondingToPatients {

    Reply respond(Utterance utterance);

    /**
     * @param caller                          who asks (the session's robot), for the audit trail
     * @param session                         the running session the patient is in
     * @param situation                       what was said, the emotion (or none, or withheld) and the context
     * @param externalLanguageModelPermitted  whether the patient's consent to EXTERNAL_LLM_PROCESSING is in force
     */
    record Utterance(Caller caller, CareSessionId session, Situation situation, boolean externalLanguageModelPermitted) {
        public Utterance {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(situation, "situation");
        }
    }

    /**
     * @param response        what the robot says and does
     * @param reasoner        which reasoner produced it, with its prompt template (or file) version
     * @param escalation      the escalation raised, when the patient's words held crisis language
     * @param guardViolations the language model's answer's violations, when the guard refused it
     * @param fallbackReason  why the language model did not answer, when the care library did
     * @param latencies       the SAFETY and REASONING stages
     */
    record Reply(CareResponse response, Reasoner reasoner, Optional<Escalation> escalation,
                 List<GuardViolation> guardViolations, Optional<String> fallbackReason, StageLatencies latencies) {
        public Reply {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(reasoner, "reasoner");
            Objects.requireNonNull(escalation, "escalation");
            guardViolations = List.copyOf(guardViolations);
            Objects.requireNonNull(fallbackReason, "fallbackReason");
            Objects.requireNonNull(latencies, "latencies");
        }
    }
}
