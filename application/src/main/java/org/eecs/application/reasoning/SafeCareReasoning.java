package org.eecs.application.reasoning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.out.AlertClinicians;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CrisisReplies;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.GuardViolations;
import org.eecs.application.port.out.ReasonAboutCare;
import org.eecs.application.port.out.ReasonAboutCare.Answer;
import org.eecs.application.port.out.ReasonAboutCare.ReasoningUnavailable;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.application.port.out.RecognizeCrisis;
import org.eecs.application.port.out.RobotProfile;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.safety.CrisisSignal;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;

/**
 * Orders the reasoners, safety first (see {@link RespondingToPatients}):
 * <ol>
 *   <li>crisis check on the transcript; a crisis gets the fixed reply of its category, an escalation (stored,
 *       alerted and audited together with the session's crisis flag, in one unit of work) and nothing else;</li>
 *   <li>the language model, when there is one and the patient's consent to external processing is in force; its
 *       answer must use only the robot's abilities and pass the {@link ResponseGuard}, else the violations are
 *       recorded and the answer dropped;</li>
 *   <li>the care library, whenever the language model gave no answer the robot may say.</li>
 * </ol>
 */
public final class SafeCareReasoning implements RespondingToPatients {

    private final RecognizeCrisis crisis;
    private final CrisisReplies crisisReplies;
    private final Optional<ReasonAboutCare> languageModel;
    private final ReasonAboutCare careLibrary;
    private final ResponseGuard guard;
    private final RobotProfile robot;
    private final CareSessions sessions;
    private final Escalations escalations;
    private final AlertClinicians alerts;
    private final GuardViolations violations;
    private final AuditTrail auditTrail;
    private final Transactions transactions;
    private final Clock clock;

    /** The reasoners and the guard. */
    public record Reasoners(RecognizeCrisis crisis, CrisisReplies crisisReplies, Optional<ReasonAboutCare> languageModel,
                            ReasonAboutCare careLibrary, ResponseGuard guard) {
    }

    /** Where escalations and refused answers are kept. */
    public record Records(CareSessions sessions, Escalations escalations, AlertClinicians alerts,
                          GuardViolations violations, AuditTrail auditTrail, Transactions transactions) {
    }

    public SafeCareReasoning(Reasoners reasoners, RobotProfile robot, Records records, Clock clock) {
        this.crisis = reasoners.crisis();
        this.crisisReplies = reasoners.crisisReplies();
        this.languageModel = reasoners.languageModel();
        this.careLibrary = reasoners.careLibrary();
        this.guard = reasoners.guard();
        this.robot = robot;
        this.sessions = records.sessions();
        this.escalations = records.escalations();
        this.alerts = records.alerts();
        this.violations = records.violations();
        this.auditTrail = records.auditTrail();
        this.transactions = records.transactions();
        this.clock = clock;
    }

    @Override
    public Reply respond(Utterance utterance) {
        Situation situation = utterance.situation();
        RobotAbilities abilities = robot.abilities();

        long start = System.nanoTime();
        Optional<CrisisSignal> signal = situation.silent() ? Optional.empty() : crisis.crisisIn(situation.transcript());
        StageLatencies latencies = StageLatencies.none().with(Stage.SAFETY, since(start));
        if (signal.isPresent()) {
            long reasoning = System.nanoTime();
            Answer reply = crisisReplies.replyTo(signal.get().category(), situation.context().language(), abilities);
            Escalation escalation = escalate(utterance, signal.get());
            return new Reply(reply.response(), reply.reasoner(), Optional.of(escalation), List.of(), Optional.empty(),
                    latencies.with(Stage.REASONING, since(reasoning)));
        }

        long reasoning = System.nanoTime();
        List<GuardViolation> refused = new ArrayList<>();
        String fallbackReason;
        if (languageModel.isEmpty()) {
            fallbackReason = "no language model is configured";
        } else if (!utterance.externalLanguageModelPermitted()) {
            fallbackReason = "no consent to processing by an external language model";
        } else {
            try {
                Answer answer = languageModel.get().reason(situation, abilities);
                if (!abilities.canPerform(answer.response())) {
                    throw new ReasoningUnavailable("the answer " + answer.response()
                            + " uses a tone, face or motion this robot cannot perform");
                }
                List<ResponseGuard.Finding> findings = guard.check(answer.response(), situation.identifiers());
                if (findings.isEmpty()) {
                    return new Reply(answer.response(), answer.reasoner(), Optional.empty(), List.of(),
                            Optional.empty(), latencies.with(Stage.REASONING, since(reasoning)));
                }
                refused.addAll(record(utterance, answer, findings));
                fallbackReason = "the output guard refused the language model's answer: "
                        + findings.stream().map(finding -> finding.rule().name()).distinct().toList();
            } catch (ReasoningUnavailable unavailable) {
                fallbackReason = "the language model gave no valid answer: " + unavailable.getMessage();
            }
        }
        Answer fallback = careLibrary.reason(situation, abilities);
        return new Reply(fallback.response(), fallback.reasoner(), Optional.empty(), refused,
                Optional.of(fallbackReason), latencies.with(Stage.REASONING, since(reasoning)));
    }

    /** The escalation, the session's flag, the alert and the audit event: all kept, or none. */
    private Escalation escalate(Utterance utterance, CrisisSignal signal) {
        Instant now = clock.instant();
        return transactions.inOne(() -> {
            CareSession session = sessions.find(utterance.session())
                    .orElseThrow(() -> new UnknownCareSession(utterance.session()));
            Escalation escalation = Escalation.raise(session.id(), session.patient(), signal,
                    utterance.situation().transcript(), now);
            sessions.save(session.flagCrisis(now));
            escalations.save(escalation);
            alerts.alert(escalation);
            auditTrail.append(utterance.caller().audit(AuditAction.CREATE,
                    new EntityRef("Escalation", escalation.id().toString()), session.patient(), AuditOutcome.SUCCESS,
                    now));
            return escalation;
        });
    }

    private List<GuardViolation> record(Utterance utterance, Answer answer, List<ResponseGuard.Finding> findings) {
        Instant now = clock.instant();
        String reasoner = answer.reasoner().name() + " " + answer.reasoner().templateVersion();
        List<GuardViolation> recorded = findings.stream()
                .map(finding -> new GuardViolation(utterance.session(), now, finding.rule(), finding.detail(),
                        reasoner))
                .toList();
        transactions.inOne(() -> {
            recorded.forEach(violations::record);
            return null;
        });
        return recorded;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
