package org.eecs.application.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.application.testing.Hospital.robotCaller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eecs.application.generation.PreparingPerformance;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ConversingWithPatients.Heard;
import org.eecs.application.port.in.ConversingWithPatients.OpenTurn;
import org.eecs.application.port.in.ConversingWithPatients.RobotSessions;
import org.eecs.application.port.in.ConversingWithPatients.StreamedTurn;
import org.eecs.application.port.in.ConversingWithPatients.TakeTurn;
import org.eecs.application.port.in.ConversingWithPatients.TurnAnswer;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.application.port.in.RespondingToPatients.Reply;
import org.eecs.application.port.in.SessionNotInProgress;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownTurn;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.Recordings;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.JointTrajectory;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.junit.jupiter.api.Test;

class TakingTurnsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Reasoner LIBRARY = new Reasoner(Reasoner.Kind.CARE_LIBRARY, "care library", "abc123");
    private static final CareResponse COMFORT = new CareResponse("You're not alone, I can help you step by step.",
            Tone.ENCOURAGING, FacialExpression.SMILE, Motion.LEAN_FORWARD_AND_NOD);
    private static final ModelRef FER = new ModelRef("fer", "1");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Caller robot = robotCaller("pepper-1");
    private final Robot pepper = hospital.robot("pepper-1");
    private final Patient robin = hospital.patientCaredForBy("Robin", Hospital.clinician("dr-li"));
    private CareSession running = hospital.stored(
            hospital.scheduled(robin, pepper, NOW.minusSeconds(600)).start(NOW.minusSeconds(600)));

    private final List<String> calls = new ArrayList<>();
    private final List<Turn> told = new ArrayList<>();
    private final List<Situation> situations = new ArrayList<>();
    private final List<Boolean> externalPermitted = new ArrayList<>();
    private Consumer<Situation> whileReasoning = situation -> { };

    private final RecognizeFacialExpression faces = new RecognizeFacialExpression() {
        @Override
        public FaceReading recognize(VideoClip clip) {
            calls.add("face " + clip.frames().size() + " frames");
            return sad(clip.frames().size());
        }

        @Override
        public Watching watch() {
            List<VideoClip.Frame> seen = new ArrayList<>();
            return new Watching() {
                @Override
                public void see(VideoClip.Frame frame) {
                    calls.add("saw a frame");
                    seen.add(frame);
                }

                @Override
                public FaceReading finish() {
                    calls.add("face finished after " + seen.size() + " frames");
                    return sad(seen.size());
                }

                @Override
                public void close() {
                    calls.add("stopped watching");
                }
            };
        }
    };

    private final TranscribeSpeech speech = new TranscribeSpeech() {
        @Override
        public Transcript transcribe(SpeechAudio audio, java.util.Locale language) {
            if (audio.wav().length == 0) {
                throw new UnreadableAudio("empty file");
            }
            calls.add("transcribed " + audio.wav().length + " bytes");
            return new Transcript("I feel overwhelmed and don't know what to do.", new ModelRef("asr", "1"),
                    Duration.ofSeconds(3));
        }

        @Override
        public Listening listen(java.util.Locale language) {
            int[] heard = {0};
            return new Listening() {
                @Override
                public void hear(byte[] pcm) {
                    heard[0] += pcm.length;
                    calls.add("heard " + pcm.length + " bytes");
                }

                @Override
                public Transcript finish() {
                    calls.add("speech finished after " + heard[0] + " bytes");
                    return new Transcript("I feel overwhelmed.", new ModelRef("asr", "1"), Duration.ofSeconds(3));
                }

                @Override
                public void close() {
                    calls.add("stopped listening");
                }
            };
        }
    };

    private final RecognizeTextCues textCues = (transcript, window) -> {
        calls.add("cues in \"" + transcript + "\"");
        return Optional.of(new EmotionObservation(Modality.SPEECH_TEXT, EmotionDistribution.of(CareState.classNames(),
                new double[] {0.7, 0.1, 0.05, 0.05, 0.05, 0.03, 0.02}), 0.6, new ModelRef("cues", "1"), window));
    };

    private final RespondingToPatients reasoning = utterance -> {
        situations.add(utterance.situation());
        externalPermitted.add(utterance.externalLanguageModelPermitted());
        whileReasoning.accept(utterance.situation());
        return new Reply(COMFORT, LIBRARY, Optional.empty(), List.of(), Optional.of("no language model is configured"),
                StageLatencies.none()
                        .with(Stage.SAFETY, Duration.ofMillis(2)).with(Stage.REASONING, Duration.ofMillis(3)));
    };

    private final SynthesizeSpeech voice = (text, tone) ->
            new Speech(new short[16_000], List.of(), List.of(), new ModelRef("voice", "1"));
    private final AnimateFace face = (spoken, expression) ->
            new FaceTimeline(List.of(FaceChannel.JAW_OPEN), 30, new float[30]);
    private final PlanMotion motion = (chosen, duration) -> new JointTrajectory(List.of("headPitch"), 101, new double[101]);

    private final TakingTurns turns = new TakingTurns(
            new TakingTurns.Recognizers(faces, speech, textCues, new EmotionFusion(), Runnable::run),
            reasoning, new PreparingPerformance(voice, face, motion, RobotAbilities::everything),
            new TakingTurns.Records(hospital.sessions, hospital.openings, hospital.consents, hospital.turns,
                    hospital.recordings, hospital.transactions, told::add),
            hospital.access, hospital.clock);

    private static FaceReading sad(int frames) {
        return new FaceReading.Expression(new EmotionObservation(Modality.FACE, new EmotionDistribution(
                Map.of("sad", 0.8, "neutral", 0.2)), 0.9, FER, new TimeWindow(NOW.minusSeconds(3), NOW)), List.of());
    }

    private static VideoClip frames(int count) {
        List<VideoClip.Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(new VideoClip.Frame(NOW.minusMillis(3000 - i * 100L), new byte[] {1, 2, 3}));
        }
        return new VideoClip(frames);
    }

    private TakeTurn recorded(int frames) {
        return new TakeTurn(robot, running.id(), new Heard.Recorded(new SpeechAudio(new byte[96_044]), frames(frames)),
                NOW.minusSeconds(3), NOW, false);
    }

    private void consent(ConsentScope... scopes) {
        hospital.consentGiven(robin.id(), NOW.minusSeconds(3600), scopes);
    }

    private void fullConsent() {
        consent(ConsentScope.AUDIO_CAPTURE, ConsentScope.VIDEO_CAPTURE, ConsentScope.EMOTION_ANALYSIS);
    }

    @Test
    void aTurnIsHeardSeenAnsweredAndRecorded_withItsObservationsReasonerLatenciesAndAuditEvents() {
        fullConsent();

        TurnAnswer answer = turns.take(recorded(16));

        Turn turn = answer.turn();
        assertThat(turn.sequence()).isEqualTo(1);
        assertThat(turn.utterance()).isEqualTo("I feel overwhelmed and don't know what to do.");
        assertThat(turn.observations()).extracting(EmotionObservation::modality)
                .containsExactly(Modality.FACE, Modality.SPEECH_TEXT, Modality.FUSED);
        assertThat(turn.response()).isEqualTo(COMFORT);
        assertThat(turn.emotionWithheld()).isFalse();
        assertThat(turn.answeredBy()).isEqualTo(new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123",
                Optional.of("no language model is configured")));
        assertThat(turn.latencies().byStage().keySet()).containsExactly(Stage.FACE_RECOGNITION,
                Stage.SPEECH_RECOGNITION, Stage.TEXT_CUES, Stage.FUSION, Stage.SAFETY, Stage.REASONING,
                Stage.SPEECH_SYNTHESIS, Stage.FACE_ANIMATION, Stage.MOTION_PLANNING);
        assertThat(answer.plan().response()).isEqualTo(COMFORT);
        assertThat(hospital.turns.of(running.id())).containsExactly(turn);
        assertThat(told).containsExactly(turn);

        Situation situation = situations.getFirst();
        assertThat(situation.emotion()).isPresent();
        assertThat(situation.emotion().get().dominant()).isIn(CareState.ANXIETY, CareState.SADNESS);
        assertThat(situation.context().careGoal()).isEqualTo(running.careGoal());
        assertThat(situation.identifiers()).contains("Robin", robin.id().toString());
        assertThat(externalPermitted).containsExactly(false);
        assertThat(calls).containsExactly("face 16 frames", "transcribed 96044 bytes",
                "cues in \"I feel overwhelmed and don't know what to do.\"");

        assertThat(hospital.audited()).extracting(AuditEvent::action, event -> event.entity().type(),
                        AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.READ, "CareSession", AuditOutcome.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.CREATE, "Turn", AuditOutcome.SUCCESS));
        assertThat(hospital.audited()).allMatch(event -> event.actor().equals(robot.actor())
                && event.patient().equals(robin.id()));
    }

    @Test
    void laterTurnsAreNumberedOn_andReasoningSeesTheEarlierOnes() {
        fullConsent();
        turns.take(recorded(0));

        Turn second = turns.take(recorded(0)).turn();

        assertThat(second.sequence()).isEqualTo(2);
        assertThat(situations.get(1).context().recentTurns()).hasSize(1);
        assertThat(situations.get(1).context().recentTurns().getFirst().robotSaid()).isEqualTo(COMFORT.text());
    }

    @Test
    void anotherRobotsSession_isUnknown_andTheRefusalAudited() {
        fullConsent();
        Caller other = robotCaller("nao-2");

        assertThatThrownBy(() -> turns.take(new TakeTurn(other, running.id(), new Heard.Words("hello"),
                NOW.minusSeconds(1), NOW, false))).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.turns.of(running.id())).isEmpty();
        assertThat(hospital.audited()).extracting(AuditEvent::outcome).containsExactly(AuditOutcome.DENIED);
        assertThat(calls).isEmpty();
    }

    @Test
    void aCancelledSession_refusesTurns_andAnAbortedOneSaysWhy() {
        fullConsent();
        CareSession cancelled = hospital.stored(hospital.scheduled(robin, hospital.robot("pepper-2"), NOW.plusSeconds(7200))
                .cancel("patient unwell", NOW));
        Caller pepper2 = robotCaller("pepper-2");
        assertThatThrownBy(() -> turns.take(new TakeTurn(pepper2, cancelled.id(), new Heard.Words("hello"),
                NOW.minusSeconds(1), NOW, false)))
                .isInstanceOfSatisfying(SessionNotInProgress.class, refused -> {
                    assertThat(refused.state()).isEqualTo(SessionState.CANCELLED);
                    assertThat(refused.endReason()).isEqualTo("patient unwell");
                });

        running = hospital.stored(running.abort("consent withdrawn (version 2)", NOW));
        assertThatThrownBy(() -> turns.take(recorded(0)))
                .isInstanceOfSatisfying(SessionNotInProgress.class, refused -> {
                    assertThat(refused.state()).isEqualTo(SessionState.ABORTED);
                    assertThat(refused.getMessage()).contains("consent withdrawn (version 2)");
                });
        assertThat(calls).isEmpty();
    }

    @Test
    void withoutConsentToAudioCapture_theTurnIsRefused() {
        consent(ConsentScope.VIDEO_CAPTURE, ConsentScope.EMOTION_ANALYSIS);

        assertThatThrownBy(() -> turns.take(recorded(4)))
                .isInstanceOfSatisfying(Conflict.class, refused -> assertThat(refused.kind()).isEqualTo("consent-required"));

        assertThat(calls).isEmpty();
        assertThat(hospital.turns.of(running.id())).isEmpty();
    }

    @Test
    void withoutConsentToVideoCapture_framesAreNeitherReadNorKept() {
        hospital.consentGivenWithRetention(robin.id(), NOW.minusSeconds(3600), Duration.ofDays(30),
                ConsentScope.AUDIO_CAPTURE, ConsentScope.EMOTION_ANALYSIS, ConsentScope.RECORDING_RETENTION);

        Turn turn = turns.take(recorded(8)).turn();

        assertThat(calls).noneMatch(call -> call.startsWith("face"));
        assertThat(turn.observations()).extracting(EmotionObservation::modality)
                .containsExactly(Modality.SPEECH_TEXT, Modality.FUSED);
        assertThat(hospital.recordings.kept()).singleElement()
                .satisfies(kept -> assertThat(kept.frames()).isEmpty());
    }

    @Test
    void withoutConsentToEmotionAnalysis_noEmotionIsRecognised_andTheAnswerIsGivenWithoutIt() {
        consent(ConsentScope.AUDIO_CAPTURE, ConsentScope.VIDEO_CAPTURE);

        Turn turn = turns.take(recorded(8)).turn();

        assertThat(calls).containsExactly("transcribed 96044 bytes");
        assertThat(turn.observations()).isEmpty();
        assertThat(turn.emotionWithheld()).isTrue();
        assertThat(situations.getFirst().emotionWithheld()).isTrue();
        assertThat(situations.getFirst().emotion()).isEmpty();
    }

    @Test
    void theSessionsAblation_withholdsTheEmotionFromReasoning_yetRecordsWhatWasRecognised() {
        fullConsent();
        running = hospital.stored(new CareSession(running.id(), running.patient(), running.robot(), running.window(),
                running.careGoal(), false, running.state(), running.startedAt(), null, null, null));

        Turn turn = turns.take(recorded(4)).turn();

        assertThat(turn.emotionWithheld()).isTrue();
        assertThat(turn.fused()).isPresent();
        assertThat(situations.getFirst().emotion()).isEmpty();
        assertThat(situations.getFirst().emotionWithheld()).isTrue();
    }

    @Test
    void aTurnsOwnOverride_withholdsTheEmotion() {
        fullConsent();

        Turn turn = turns.take(new TakeTurn(robot, running.id(), new Heard.Words("Why is everything so unfair to me?"),
                NOW.minusSeconds(2), NOW, true)).turn();

        assertThat(turn.emotionWithheld()).isTrue();
        assertThat(turn.observations()).extracting(EmotionObservation::modality)
                .containsExactly(Modality.SPEECH_TEXT, Modality.FUSED);
        assertThat(situations.getFirst().emotion()).isEmpty();
    }

    @Test
    void consentToExternalProcessing_isPassedToReasoning() {
        consent(ConsentScope.AUDIO_CAPTURE, ConsentScope.EXTERNAL_LLM_PROCESSING);

        turns.take(recorded(0));

        assertThat(externalPermitted).containsExactly(true);
    }

    @Test
    void withConsentToRetention_theRecordingsAreKeptUntilTheirExpiry_thenPurgedAndThePurgeAudited() {
        hospital.consentGivenWithRetention(robin.id(), NOW.minusSeconds(3600), Duration.ofDays(30),
                ConsentScope.AUDIO_CAPTURE, ConsentScope.VIDEO_CAPTURE, ConsentScope.RECORDING_RETENTION);

        Turn turn = turns.take(recorded(3)).turn();

        assertThat(hospital.recordings.kept()).singleElement().satisfies(kept -> {
            assertThat(kept.turn()).isEqualTo(turn.id());
            assertThat(kept.audio()).hasSize(96_044);
            assertThat(kept.frames()).hasSize(3);
            assertThat(kept.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        });
        assertThat(hospital.audited()).extracting(event -> event.entity().type()).contains("TurnRecording");

        RecordingRetention early = new RecordingRetention(hospital.recordings, hospital.auditTrail,
                hospital.transactions, Clock.fixed(NOW.plus(Duration.ofDays(29)), ZoneOffset.UTC));
        assertThat(early.purgeExpired()).isZero();
        RecordingRetention due = new RecordingRetention(hospital.recordings, hospital.auditTrail,
                hospital.transactions, Clock.fixed(NOW.plus(Duration.ofDays(30)), ZoneOffset.UTC));
        assertThat(due.purgeExpired()).isEqualTo(1);

        assertThat(hospital.recordings.kept()).isEmpty();
        AuditEvent purge = hospital.audited().getLast();
        assertThat(purge.action()).isEqualTo(AuditAction.DELETE);
        assertThat(purge.entity().id()).isEqualTo(turn.id().toString());
        assertThat(purge.actor().id()).isEqualTo("recording-retention");
    }

    @Test
    void withoutConsentToRetention_nothingRawIsKept() {
        fullConsent();

        turns.take(recorded(3));

        assertThat(hospital.recordings.kept()).isEmpty();
    }

    @Test
    void aSessionAbortedWhileTheTurnWasAnswered_recordsNothingMore() {
        fullConsent();
        whileReasoning = situation -> hospital.stored(hospital.sessions.find(running.id()).orElseThrow()
                .abort("consent withdrawn (version 2)", NOW));

        assertThatThrownBy(() -> turns.take(recorded(0))).isInstanceOf(SessionNotInProgress.class);

        assertThat(hospital.turns.of(running.id())).isEmpty();
        assertThat(hospital.audited()).extracting(event -> event.entity().type()).doesNotContain("Turn");
        assertThat(told).isEmpty();
    }

    @Test
    void aTurnThatCannotBeStored_leavesNothingPartial() {
        fullConsent();
        hospital.consentGivenWithRetention(robin.id(), NOW.minusSeconds(60), Duration.ofDays(1),
                ConsentScope.AUDIO_CAPTURE, ConsentScope.RECORDING_RETENTION);
        hospital.turns.save(new Turn(TurnId.newId(), running.id(), 1, NOW, "taken meanwhile", List.of(), COMFORT,
                false, StageLatencies.none(),
                new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                Optional.empty(), Optional.empty()));
        int before = hospital.audited().size();
        RecordingsThatFail failing = new RecordingsThatFail();
        TakingTurns failingTurns = new TakingTurns(
                new TakingTurns.Recognizers(faces, speech, textCues, new EmotionFusion(), Runnable::run),
                reasoning, new PreparingPerformance(voice, face, motion, RobotAbilities::everything),
                new TakingTurns.Records(hospital.sessions, hospital.openings, hospital.consents, hospital.turns,
                        failing, hospital.transactions, told::add),
                hospital.access, hospital.clock);

        assertThatThrownBy(() -> failingTurns.take(recorded(0))).hasMessageContaining("database unreachable");

        assertThat(hospital.turns.of(running.id())).extracting(Turn::utterance).containsExactly("taken meanwhile");
        assertThat(hospital.audited()).hasSize(before + 1); // the READ of the session, in its own unit
        assertThat(hospital.transactions.rolledBack()).isEqualTo(1);
    }

    @Test
    void aTurnTakenUnderTheRobotsRetryKey_answersTheKeyInItsOwnRecord() {
        fullConsent();
        RetryKey key = new RetryKey(robot.actor().id(), "turn-1");

        Turn turn = turns.take(recorded(0).underKey(Optional.of(key))).turn();

        assertThat(hospital.turns.answerOf(key)).contains(turn.id());
    }

    @Test
    void aTurnThatIsNotRecorded_leavesItsKeyUnanswered_soThatARetryRunsTheTurn() {
        fullConsent();
        RetryKey key = new RetryKey(robot.actor().id(), "turn-2");
        whileReasoning = situation -> hospital.stored(hospital.sessions.find(running.id()).orElseThrow()
                .abort("consent withdrawn (version 2)", NOW));

        assertThatThrownBy(() -> turns.take(recorded(0).underKey(Optional.of(key))))
                .isInstanceOf(SessionNotInProgress.class);

        assertThat(hospital.turns.answerOf(key)).isEmpty();
    }

    @Test
    void aRobotsTurnAnswersOnlyItsOwnKey() {
        RetryKey anothers = new RetryKey("pepper-2", "turn-3");

        assertThatThrownBy(() -> recorded(0).underKey(Optional.of(anothers))).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void aStreamedTurnUnderTheRobotsRetryKey_answersItWhenItIsRecorded() {
        fullConsent();
        RetryKey key = new RetryKey(robot.actor().id(), "streamed-1");

        Turn turn;
        try (StreamedTurn streamed = turns.open(new OpenTurn(robot, running.id(), NOW.minusSeconds(3), false,
                Optional.of(key)))) {
            streamed.hear(new byte[3200]);
            assertThat(hospital.turns.answerOf(key)).isEmpty();
            turn = streamed.finish(NOW).turn();
        }

        assertThat(hospital.turns.answerOf(key)).contains(turn.id());
    }

    @Test
    void aStreamedTurn_isRecognisedAsItArrives_andOnlyTheTailIsLeftAtItsEnd() {
        fullConsent();

        Turn turn;
        try (StreamedTurn streamed = turns.open(new OpenTurn(robot, running.id(), NOW.minusSeconds(3), false))) {
            streamed.hear(new byte[3200]);
            streamed.see(new VideoClip.Frame(NOW.minusSeconds(2), new byte[] {1}));
            streamed.hear(new byte[3200]);
            assertThat(calls).containsExactly("heard 3200 bytes", "saw a frame", "heard 3200 bytes");
            turn = streamed.finish(NOW).turn();
        }

        assertThat(calls).containsSubsequence("face finished after 1 frames", "cues in \"I feel overwhelmed.\"",
                "stopped listening", "stopped watching");
        assertThat(calls).contains("speech finished after 6400 bytes");
        assertThat(turn.utterance()).isEqualTo("I feel overwhelmed.");
        assertThat(turn.observations()).extracting(EmotionObservation::modality)
                .containsExactly(Modality.FACE, Modality.SPEECH_TEXT, Modality.FUSED);
        assertThat(hospital.turns.of(running.id())).containsExactly(turn);
    }

    @Test
    void aStreamedTurnClosedBeforeItsEnd_isAbandoned_andNothingRecorded() {
        fullConsent();

        try (StreamedTurn streamed = turns.open(new OpenTurn(robot, running.id(), NOW.minusSeconds(1), false))) {
            streamed.hear(new byte[320]);
        }

        assertThat(calls).contains("stopped listening", "stopped watching");
        assertThat(hospital.turns.of(running.id())).isEmpty();
    }

    @Test
    void aStreamedTurnWithoutVideoConsent_neverLooksAtItsFrames() {
        consent(ConsentScope.AUDIO_CAPTURE, ConsentScope.EMOTION_ANALYSIS);

        try (StreamedTurn streamed = turns.open(new OpenTurn(robot, running.id(), NOW.minusSeconds(1), false))) {
            streamed.see(new VideoClip.Frame(NOW.minusSeconds(1), new byte[] {1}));
            streamed.hear(new byte[320]);
            streamed.finish(NOW);
        }

        assertThat(calls).noneMatch(call -> call.contains("frame") || call.contains("watching"));
    }

    @Test
    void bargeIn_marksTheTurnInterrupted_onlyInItsOwnSession() {
        fullConsent();
        Turn turn = turns.take(recorded(0)).turn();

        turns.bargeIn(robot, running.id(), turn.id(), Duration.ofMillis(1830));

        assertThat(hospital.turns.find(turn.id()).orElseThrow().interruption())
                .hasValueSatisfying(interruption -> assertThat(interruption.heardAfter()).isEqualTo(Duration.ofMillis(1830)));
        CareSession other = hospital.stored(hospital.scheduled(robin, pepper, NOW.plusSeconds(7200)));
        assertThatThrownBy(() -> turns.bargeIn(robot, other.id(), turn.id(), Duration.ZERO))
                .isInstanceOf(UnknownTurn.class);
    }

    @Test
    void aRobotSeesItsCurrentAndNextSession() {
        CareSession later = hospital.stored(hospital.scheduled(robin, pepper, NOW.plusSeconds(7200)));
        hospital.stored(hospital.scheduled(robin, hospital.robot("nao-2"), NOW.plusSeconds(3600)));

        RobotSessions mine = turns.sessionsOf(robot);

        assertThat(mine.current()).contains(running);
        assertThat(mine.next()).contains(later);
        assertThat(turns.sessionsOf(robotCaller("nao-3")).current()).isEmpty();
    }

    @Test
    void aRobotAskingAgainIsAuditedOnlyWhenWhatItIsToldChanges() {
        int before = hospital.audited().size();

        turns.sessionsOf(robot);
        turns.sessionsOf(robot);
        turns.sessionsOf(robot);
        assertThat(hospital.audited()).hasSize(before + 1); // the first poll: READ of the session in progress

        fullConsent(); // audio capture consented since: the robot is told something new
        turns.sessionsOf(robot);
        turns.sessionsOf(robot);
        assertThat(hospital.audited()).hasSize(before + 2);
        assertThat(hospital.audited().getLast()).satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.READ);
            assertThat(event.entity().id()).isEqualTo(running.id().toString());
        });
    }

    /** The store that fails, as a database connection lost in the middle of the turn's unit of work would. */
    private static final class RecordingsThatFail implements Recordings {
        @Override
        public void keep(TurnMedia media) {
            throw new IllegalStateException("database unreachable");
        }

        @Override
        public List<Purged> purgeExpired(Instant now, int limit) {
            return List.of();
        }
    }
}
