package org.eecs.domain.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;

class TurnTest {

    private static final CareSessionId SESSION = CareSessionId.newId();
    private static final Instant AT = Instant.parse("2025-03-01T09:05:00Z");
    private static final AnsweredBy LIBRARY =
            new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "3f2a9c", Optional.of("none configured"));
    private static final CareResponse REPLY =
            new CareResponse("I'm here with you.", Tone.GENTLE, FacialExpression.CONCERNED, Motion.LEAN_FORWARD);

    private static EmotionObservation observed(Modality modality) {
        return new EmotionObservation(modality, new EmotionDistribution(Map.of("sad", 0.7, "neutral", 0.3)), 0.8,
                new ModelRef("model", "1"), new TimeWindow(AT.minusSeconds(4), AT));
    }

    private static Turn turn(int sequence, String utterance, List<EmotionObservation> observations) {
        return new Turn(TurnId.newId(), SESSION, sequence, AT, utterance, observations, REPLY, false, StageLatencies.none(),
                LIBRARY, Optional.empty(), Optional.empty());
    }

    @Test
    void turnWithFaceSpeechAndFusedEstimates() {
        Turn turn = turn(1, "I miss my garden.", List.of(observed(Modality.FACE), observed(Modality.SPEECH_TEXT),
                observed(Modality.FUSED)));

        assertThat(turn.fused()).get().extracting(EmotionObservation::modality).isEqualTo(Modality.FUSED);
        assertThat(turn.heardSomething()).isTrue();
    }

    @Test
    void turnsAreNumberedFromOne() {
        assertThatThrownBy(() -> turn(0, "hello", List.of()))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("turns are numbered from 1 within a session, got sequence 0");
    }

    @Test
    void silenceIsAnEmptyUtteranceNotAMissingOne() {
        Turn silent = turn(2, "", List.of());

        assertThat(silent.heardSomething()).isFalse();
        assertThat(silent.fused()).isEmpty();
        assertThatThrownBy(() -> turn(2, null, List.of()))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("utterance");
    }

    @Test
    void utteranceLongerThan10000_isRejected() {
        assertThat(turn(1, "a".repeat(10_000), List.of()).utterance()).hasSize(10_000);
        assertThatThrownBy(() -> turn(1, "a".repeat(10_001), List.of()))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("utterance must be at most 10000 characters, got 10001");
    }

    @Test
    void twoFusedEstimates_areRejected() {
        assertThatThrownBy(() -> turn(1, "hello", List.of(observed(Modality.FUSED), observed(Modality.FUSED))))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("a turn has at most one FUSED emotion observation, got 2");
    }

    @Test
    void severalSingleModalityEstimatesAreFine() {
        assertThat(turn(1, "hello", List.of(observed(Modality.FACE), observed(Modality.FACE))).observations()).hasSize(2);
    }

    @Test
    void responseIsRequired() {
        assertThatThrownBy(() -> new Turn(TurnId.newId(), SESSION, 1, AT, "hello", List.of(), null, true,
                StageLatencies.none(), LIBRARY, Optional.empty(), Optional.empty()))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("response");
    }

    @Test
    void observationsAreCopied() {
        List<EmotionObservation> observations = new ArrayList<>(List.of(observed(Modality.FACE)));
        Turn turn = turn(1, "hello", observations);

        observations.add(observed(Modality.FUSED));

        assertThat(turn.observations()).hasSize(1);
    }

    @Test
    void aDraftIsTheTurnBeforeItsNumber_givenAsItIsRecorded() {
        List<EmotionObservation> observations = new ArrayList<>(List.of(observed(Modality.FUSED)));
        TurnDraft draft = new TurnDraft(TurnId.newId(), SESSION, AT, "hello", observations, REPLY, true,
                StageLatencies.none(), LIBRARY, Optional.empty());
        observations.add(observed(Modality.FACE));

        assertThat(draft.numbered(3)).isEqualTo(new Turn(draft.id(), SESSION, 3, AT, "hello",
                List.of(observed(Modality.FUSED)), REPLY, true, StageLatencies.none(), LIBRARY, Optional.empty(),
                Optional.empty()));
        assertThatThrownBy(() -> draft.numbered(0)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void aDraftKeepsTheRulesOfATurn() {
        assertThatThrownBy(() -> new TurnDraft(TurnId.newId(), SESSION, AT, "hello",
                List.of(observed(Modality.FUSED), observed(Modality.FUSED)), REPLY, false, StageLatencies.none(),
                LIBRARY, Optional.empty()))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("a turn has at most one FUSED emotion observation, got 2");
        assertThatThrownBy(() -> new TurnDraft(null, SESSION, AT, "hello", List.of(), REPLY, false,
                StageLatencies.none(), LIBRARY, Optional.empty()))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("turn id");
    }

    @Test
    void idPrintsAndParsesAsUuidText() {
        TurnId id = TurnId.newId();

        assertThat(TurnId.of(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> TurnId.of("turn-1")).isInstanceOf(DomainViolation.class).hasMessageContaining("turn id");
    }

    @Test
    void anEscalatedTurnIsAnsweredByTheCrisisProtocol() {
        assertThatThrownBy(() -> new Turn(TurnId.newId(), SESSION, 1, AT, "hello", List.of(), REPLY, false,
                StageLatencies.none(), LIBRARY, Optional.of(EscalationId.newId()), Optional.empty()))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("a turn that raised an escalation is answered by the crisis protocol, got CARE_LIBRARY");
    }

    @Test
    void onlyTheCareLibraryAnswersInTheLanguageModelsStead() {
        assertThatThrownBy(() -> new AnsweredBy(AnsweredBy.Kind.LANGUAGE_MODEL, "openai qwen", "care-prompt-1",
                Optional.of("slow")))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("LANGUAGE_MODEL");
    }

    @Test
    void anInterruptedTurnKeepsItsFirstReport() {
        Turn turn = turn(1, "hello", List.of());
        Interruption first = new Interruption(AT.plusSeconds(3), Duration.ofMillis(1800));

        Turn interrupted = turn.interrupted(first).interrupted(new Interruption(AT.plusSeconds(5), Duration.ofSeconds(4)));

        assertThat(turn.interruption()).isEmpty();
        assertThat(interrupted.interruption()).contains(first);
        assertThatThrownBy(() -> new Interruption(AT, Duration.ofMillis(-1))).isInstanceOf(DomainViolation.class);
    }
}
