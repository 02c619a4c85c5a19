package org.eecs.application.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.application.testing.Hospital.robotCaller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RespondingToPatients.Reply;
import org.eecs.application.port.in.RespondingToPatients.Utterance;
import org.eecs.application.port.out.CrisisReplies;
import org.eecs.application.port.out.ReasonAboutCare;
import org.eecs.application.port.out.ReasonAboutCare.Answer;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.application.port.out.ReasonAboutCare.ReasoningUnavailable;
import org.eecs.application.port.out.ReasonAboutCare.SessionContext;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.application.port.out.RecognizeCrisis;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.safety.CrisisCategory;
import org.eecs.domain.safety.CrisisSignal;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Stage;
import org.junit.jupiter.api.Test;

class RespondingToPatientsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Reasoner MODEL = new Reasoner(Reasoner.Kind.LANGUAGE_MODEL, "openai qwen", "care-prompt-1");
    private static final Reasoner LIBRARY = new Reasoner(Reasoner.Kind.CARE_LIBRARY, "care library", "abc123");
    private static final Reasoner PROTOCOL = new Reasoner(Reasoner.Kind.CRISIS_PROTOCOL, "crisis replies", "def456");
    private static final CareResponse FROM_MODEL = new CareResponse("I am here with you. Shall we breathe together?",
            Tone.CALM, FacialExpression.WARM_GAZE, Motion.NOD);
    private static final CareResponse FROM_LIBRARY = new CareResponse("What's the issue? Can you explain more?",
            Tone.NEUTRAL, FacialExpression.NEUTRAL, Motion.NONE);
    private static final CareResponse CRISIS_REPLY = new CareResponse("I am calling your care team to you now.",
            Tone.CALM, FacialExpression.CONCERNED, Motion.NONE);

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Caller robot = robotCaller("pepper-1");
    private final Patient robin = hospital.patientCaredForBy("Robin", Hospital.clinician("dr-li"));
    private final CareSession running = hospital.stored(
            hospital.scheduled(robin, hospital.robot("pepper-1"), NOW.minusSeconds(600)).start(NOW.minusSeconds(600)));

    private final List<String> heard = new ArrayList<>();
    private final AtomicInteger modelCalls = new AtomicInteger();
    private ReasonAboutCare model = (situation, abilities) -> {
        modelCalls.incrementAndGet();
        return new Answer(FROM_MODEL, MODEL);
    };
    private final ReasonAboutCare library = (situation, abilities) -> new Answer(FROM_LIBRARY, LIBRARY);
    private final RecognizeCrisis crisis = transcript -> {
        heard.add(transcript);
        return transcript.contains("end my life")
                ? Optional.of(new CrisisSignal(CrisisCategory.SUICIDE, "rule suicide: end my life"))
                : Optional.empty();
    };
    private final CrisisReplies replies = (category, language, abilities) -> new Answer(CRISIS_REPLY, PROTOCOL);

    private SafeCareReasoning reasoning(Optional<ReasonAboutCare> languageModel, RobotAbilities abilities) {
        return new SafeCareReasoning(
                new SafeCareReasoning.Reasoners(crisis, replies, languageModel, library, new ResponseGuard()),
                () -> abilities,
                new SafeCareReasoning.Records(hospital.sessions, hospital.escalations, hospital.alerts,
                        hospital.guardViolations, hospital.auditTrail, hospital.transactions),
                hospital.clock);
    }

    private Reply respond(String transcript, boolean permitted) {
        return reasoning(Optional.of((situation, abilities) -> model.reason(situation, abilities)),
                RobotAbilities.everything()).respond(utterance(transcript, permitted));
    }

    private Utterance utterance(String transcript, boolean permitted) {
        Situation situation = new Situation(transcript, Optional.empty(), true,
                new SessionContext(List.of(), AgeGroup.ADULT, "en", Preferences.none(), running.careGoal()),
                Set.of("Robin", robin.id().toString()));
        return new Utterance(robot, running.id(), situation, permitted);
    }

    @Test
    void crisisLanguageGetsTheFixedReply_anEscalation_theSessionFlag_anAlertAndAnAuditEvent() {
        Reply reply = respond("Some days I just want to end my life.", true);

        assertThat(reply.response()).isEqualTo(CRISIS_REPLY);
        assertThat(reply.reasoner()).isEqualTo(PROTOCOL);
        assertThat(modelCalls).hasValue(0);
        assertThat(reply.escalation()).isPresent();
        assertThat(reply.escalation().get().state()).isEqualTo(EscalationState.OPEN);
        assertThat(reply.escalation().get().utterance()).isEqualTo("Some days I just want to end my life.");
        assertThat(hospital.escalations.ofSession(running.id())).containsExactly(reply.escalation().get());
        assertThat(hospital.sessions.find(running.id()).orElseThrow().crisisFlaggedAt()).isEqualTo(NOW);
        assertThat(hospital.alerts.alerted()).containsExactly(reply.escalation().get());
        AuditEvent audited = hospital.audited().getLast();
        assertThat(audited.action()).isEqualTo(AuditAction.CREATE);
        assertThat(audited.entity().type()).isEqualTo("Escalation");
        assertThat(audited.patient()).isEqualTo(robin.id());
        assertThat(audited.actor()).isEqualTo(robot.actor());
        assertThat(reply.latencies().of(Stage.SAFETY)).isPresent();
        assertThat(reply.latencies().of(Stage.REASONING)).isPresent();
    }

    @Test
    void anEscalationThatCannotBeAlertedIsNotKeptHalfway() {
        hospital.alerts.failWith(new IllegalStateException("outbox unavailable"));

        assertThatThrownBy(() -> respond("I want to end my life.", true)).hasMessageContaining("outbox unavailable");
        assertThat(hospital.escalations.all()).isEmpty();
        assertThat(hospital.sessions.find(running.id()).orElseThrow().flaggedForCrisis()).isFalse();
    }

    @Test
    void withoutCrisis_theLanguageModelAnswers_whenThereIsOneAndThePatientConsented() {
        Reply reply = respond("I feel overwhelmed and don't know what to do.", true);

        assertThat(reply.response()).isEqualTo(FROM_MODEL);
        assertThat(reply.reasoner()).isEqualTo(MODEL);
        assertThat(reply.escalation()).isEmpty();
        assertThat(reply.fallbackReason()).isEmpty();
        assertThat(heard).containsExactly("I feel overwhelmed and don't know what to do.");
    }

    @Test
    void withoutConsentToExternalProcessing_theLanguageModelIsNotAsked_andTheLibraryAnswers() {
        Reply reply = respond("I feel overwhelmed.", false);

        assertThat(modelCalls).hasValue(0);
        assertThat(reply.reasoner()).isEqualTo(LIBRARY);
        assertThat(reply.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason).contains("no consent"));
    }

    @Test
    void withoutALanguageModel_theLibraryAnswers() {
        Reply reply = reasoning(Optional.empty(), RobotAbilities.everything()).respond(utterance("Hello.", true));

        assertThat(reply.reasoner()).isEqualTo(LIBRARY);
        assertThat(reply.fallbackReason()).hasValue("no language model is configured");
    }

    @Test
    void whenTheLanguageModelGivesNoValidAnswer_theLibraryAnswers_andSaysWhy() {
        model = (situation, abilities) -> {
            throw new ReasoningUnavailable("timed out after PT2S");
        };

        Reply reply = respond("I feel overwhelmed.", true);

        assertThat(reply.response()).isEqualTo(FROM_LIBRARY);
        assertThat(reply.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason).contains("timed out"));
    }

    @Test
    void anAnswerTheGuardRefusesIsReplacedByTheLibrary_andTheViolationIsRecorded() {
        model = (situation, abilities) -> new Answer(new CareResponse(
                "It sounds like depression. Take 50 mg of sertraline, Robin.", Tone.CALM, FacialExpression.NEUTRAL,
                Motion.NONE), MODEL);

        Reply reply = respond("I feel low.", true);

        assertThat(reply.response()).isEqualTo(FROM_LIBRARY);
        assertThat(reply.guardViolations()).extracting(GuardViolation::rule)
                .contains(GuardViolation.Rule.DIAGNOSIS, GuardViolation.Rule.MEDICATION,
                        GuardViolation.Rule.IDENTIFIER);
        assertThat(hospital.guardViolations.ofSession(running.id())).isEqualTo(reply.guardViolations());
        assertThat(reply.guardViolations()).allSatisfy(violation -> {
            assertThat(violation.detail()).doesNotContain("Robin");
            assertThat(violation.reasoner()).isEqualTo("openai qwen care-prompt-1");
        });
        assertThat(reply.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason).contains("output guard"));
    }

    @Test
    void anAnswerTheRobotCannotPerformIsReplacedByTheLibrary() {
        RobotAbilities stiff = new RobotAbilities(Set.of(Tone.NEUTRAL, Tone.CALM), Set.of(FacialExpression.NEUTRAL),
                Set.of(Motion.NONE));

        Reply reply = reasoning(Optional.of(model), stiff).respond(utterance("I feel overwhelmed.", true));

        assertThat(reply.response()).isEqualTo(FROM_LIBRARY);
        assertThat(reply.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason).contains("cannot perform"));
    }

    @Test
    void silenceIsNotCheckedForCrisis() {
        Reply reply = respond("", true);

        assertThat(heard).isEmpty();
        assertThat(reply.escalation()).isEmpty();
        assertThat(reply.latencies().of(Stage.SAFETY)).hasValueSatisfying(
                latency -> assertThat(latency).isLessThan(Duration.ofSeconds(1)));
    }
}
