package org.eecs.application.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.consent.ConsentDesk;
import org.eecs.application.generation.PreparingPerformance;
import org.eecs.application.patient.PatientRegistry;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.EvaluatingCare.Answer;
import org.eecs.application.port.in.EvaluatingCare.ComparedTurn;
import org.eecs.application.port.in.EvaluatingCare.Evaluate;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.application.port.in.EvaluatingCare.Judged;
import org.eecs.application.port.in.EvaluatingCare.RolePlayedPatient;
import org.eecs.application.port.in.EvaluatingCare.Said;
import org.eecs.application.port.in.EvaluatingCare.Scenario;
import org.eecs.application.port.in.EvaluatingCare.ScriptedTurn;
import org.eecs.application.port.in.EvaluatingCare.Seen;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.application.port.in.RespondingToPatients.Reply;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.JudgeCareResponses;
import org.eecs.application.port.out.JudgeCareResponses.JudgedResponse;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.application.robot.RobotRegistry;
import org.eecs.application.session.CareSessionDesk;
import org.eecs.application.testing.Hospital;
import org.eecs.application.turn.TakingTurns;
import org.eecs.domain.TimeWindow;
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
import org.eecs.domain.evaluation.Condition;
import org.eecs.domain.evaluation.Judgement;
import org.eecs.domain.evaluation.Rubric;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.JointTrajectory;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on the real care-turn and clinical use cases over in-memory stores, with recognisers, reasoning and
 * generation that answer at once: what is played, in which sessions, what recognition is given, and how the judge is
 * asked.
 */
class EvaluatingCareTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Reasoner LIBRARY = new Reasoner(Reasoner.Kind.CARE_LIBRARY, "care library", "abc123");
    private static final CareResponse COMFORT = new CareResponse("I understand you. Let's address this together calmly.",
            Tone.GENTLE, FacialExpression.WARM_GAZE, Motion.OPEN_ARMS);
    private static final CareResponse NEUTRAL = new CareResponse("Why do you think so? Let's discuss.", Tone.NEUTRAL,
            FacialExpression.NEUTRAL, Motion.NONE);
    private static final ModelRef FER = new ModelRef("fer", "1");
    private static final byte[] SECOND_OF_SPEECH = new byte[32_000];

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Caller admin = Hospital.admin("eecs-evaluation");
    private final Caller clinician = Hospital.clinician("eecs-evaluation");
    private final List<String> calls = new ArrayList<>();
    private final List<JudgedResponse> judged = new ArrayList<>();

    private final RecognizeFacialExpression faces = new RecognizeFacialExpression() {
        @Override
        public FaceReading recognize(VideoClip clip) {
            throw new AssertionError("streamed turns watch");
        }

        @Override
        public Watching watch() {
            List<VideoClip.Frame> seen = new ArrayList<>();
            return new Watching() {
                @Override
                public void see(VideoClip.Frame frame) {
                    seen.add(frame);
                }

                @Override
                public FaceReading finish() {
                    calls.add("face read " + seen.size() + " frames from " + seen.getFirst().capturedAt() + " to "
                            + seen.getLast().capturedAt());
                    return new FaceReading.Expression(new EmotionObservation(Modality.FACE, new EmotionDistribution(
                            Map.of("happy", 0.9, "neutral", 0.1)), 0.8, FER, new TimeWindow(NOW.minusSeconds(1), NOW)),
                            List.of());
                }

                @Override
                public void close() {
                }
            };
        }
    };

    private final TranscribeSpeech speech = new TranscribeSpeech() {
        @Override
        public Transcript transcribe(SpeechAudio audio, Locale language) {
            throw new AssertionError("streamed turns listen");
        }

        @Override
        public Listening listen(Locale language) {
            int[] heard = {0};
            return new Listening() {
                @Override
                public void hear(byte[] pcm) {
                    heard[0] += pcm.length;
                }

                @Override
                public Transcript finish() {
                    calls.add("speech heard " + heard[0] + " bytes");
                    return new Transcript("thank you that helps", new ModelRef("asr", "1"), Duration.ofSeconds(1));
                }

                @Override
                public void close() {
                }
            };
        }
    };

    /** The words' cues: frustration whatever was said, so that only the face can make the state anger. */
    private final RecognizeTextCues textCues = (transcript, window) -> Optional.of(
            new EmotionObservation(Modality.SPEECH_TEXT, EmotionDistribution.of(CareState.classNames(),
                    new double[] {0, 0, 0.3, 0, 0.7, 0, 0}), 0.3, new ModelRef("cues", "1"), window));

    private final RespondingToPatients reasoning = utterance -> new Reply(
            utterance.situation().emotionWithheld() ? NEUTRAL : COMFORT, LIBRARY, Optional.empty(), List.of(),
            Optional.of("no language model is configured"), StageLatencies.none());

    private final SynthesizeSpeech voice = (text, tone) ->
            new Speech(new short[16_000], List.of(), List.of(), new ModelRef("voice", "1"));
    private final AnimateFace face = (spoken, expression) ->
            new FaceTimeline(List.of(FaceChannel.JAW_OPEN), 30, new float[30]);
    private final PlanMotion motion = (chosen, duration) -> new JointTrajectory(List.of("headPitch"), 101, new double[101]);

    private RolePlayEvaluation evaluation(Optional<JudgeCareResponses> judge) {
        ScriptedInputs inputs = new ScriptedInputs(faces, speech);
        TakingTurns turns = new TakingTurns(
                new TakingTurns.Recognizers(inputs.faces(), inputs.speech(), textCues, new EmotionFusion(),
                        Runnable::run),
                reasoning, new PreparingPerformance(voice, face, motion, RobotAbilities::everything),
                new TakingTurns.Records(hospital.sessions, hospital.openings, hospital.consents, hospital.turns,
                        hospital.recordings, hospital.transactions, turn -> { }),
                hospital.access, hospital.clock);
        CareSessionDesk sessions = new CareSessionDesk(hospital.sessions, hospital.robots, hospital.consents,
                hospital.access, hospital.transactions, hospital.clock);
        return new RolePlayEvaluation(inputs, turns, new RolePlayEvaluation.Desks(
                new RobotRegistry(hospital.robots, hospital.access, hospital.transactions),
                new PatientRegistry(hospital.patients, hospital.careTeams, hospital.access, hospital.transactions,
                        hospital.clock),
                new ConsentDesk(hospital.consents, hospital.access, hospital.transactions, hospital.clock, sessions),
                sessions), judge, hospital.clock);
    }

    /** An angry patient: words with an angry face stated, then a recording with a clip of two frames. */
    private static Scenario anger() {
        VideoClip clip = new VideoClip(List.of(new VideoClip.Frame(Instant.EPOCH, new byte[] {1}),
                new VideoClip.Frame(Instant.EPOCH, new byte[] {2})));
        return new Scenario("anger-feeling-ignored", CareState.ANGER, "angry at being ignored on the ward",
                new RolePlayedPatient(1985, Gender.MALE, "en", List.of("likes football")),
                "de-escalate and help the patient feel heard", List.of(
                new ScriptedTurn(new Said.Words("Why is everything so unfair to me?"), new Seen.Stated("angry")),
                new ScriptedTurn(new Said.Spoken(SECOND_OF_SPEECH, Optional.of("Thank you, that helps."), "a.wav"),
                        new Seen.Clip(clip, "a.jpg, b.jpg"))));
    }

    private Evaluate evaluate(boolean judged) {
        return new Evaluate(admin, clinician, List.of(anger()), judged);
    }

    @Test
    void eachScenarioIsPlayedOnceWithAndOnceWithoutTheEmotionInput_inSessionsThatAreCompletedAfterwards() {
        Evaluation result = evaluation(Optional.empty()).evaluate(evaluate(false));

        List<ComparedTurn> turns = result.scenarios().getFirst().turns();
        assertThat(turns).extracting(ComparedTurn::number).containsExactly(1, 2);
        assertThat(turns).allSatisfy(turn -> {
            assertThat(turn.withEmotion().turn().emotionWithheld()).isFalse();
            assertThat(turn.withEmotion().turn().response()).isEqualTo(COMFORT);
            assertThat(turn.withoutEmotion().turn().emotionWithheld()).isTrue();
            assertThat(turn.withoutEmotion().turn().response()).isEqualTo(NEUTRAL);
            assertThat(turn.withEmotion().judged()).isEmpty();
        });
        CareSession with = hospital.sessions.find(turns.getFirst().withEmotion().turn().session()).orElseThrow();
        CareSession without = hospital.sessions.find(turns.getFirst().withoutEmotion().turn().session()).orElseThrow();
        assertThat(with.emotionInput()).isTrue();
        assertThat(without.emotionInput()).isFalse();
        assertThat(List.of(with, without)).allSatisfy(session -> {
            assertThat(session.state()).isEqualTo(SessionState.COMPLETED);
            assertThat(session.careGoal()).isEqualTo("de-escalate and help the patient feel heard");
            assertThat(hospital.turns.of(session.id())).extracting(Turn::sequence).containsExactly(1, 2);
        });
        assertThat(with.patient()).isEqualTo(without.patient());
        assertThat(hospital.patients.find(with.patient()).orElseThrow().alias()).isEqualTo("Role-play anger-feeling-ignored");
        assertThat(hospital.consents.historyOf(with.patient()).permits(ConsentScope.EXTERNAL_LLM_PROCESSING, NOW))
                .isTrue();
        assertThat(hospital.robots.all()).singleElement()
                .satisfies(robot -> assertThat(robot.id().value()).startsWith("evaluation-"));
        assertThat(result.judge()).isEmpty();
    }

    @Test
    void scriptedWordsAndAStatedFaceStandInForRecognition_recordingsAndClipsGoToTheRecognisers() {
        Evaluation result = evaluation(Optional.empty()).evaluate(evaluate(false));

        Turn first = result.scenarios().getFirst().turns().get(0).withEmotion().turn();
        assertThat(first.utterance()).isEqualTo("Why is everything so unfair to me?");
        EmotionObservation stated = first.observations().stream()
                .filter(observation -> observation.modality() == Modality.FACE).findFirst().orElseThrow();
        assertThat(stated.model()).isEqualTo(ScriptedInputs.FACE);
        assertThat(stated.dominant()).isEqualTo("angry");
        assertThat(stated.confidence()).isEqualTo(1.0);
        assertThat(first.fused().orElseThrow().dominant())
                .as("the stated angry face outweighs the words' frustration").isEqualTo("anger");

        Turn second = result.scenarios().getFirst().turns().get(1).withEmotion().turn();
        assertThat(second.utterance()).as("what speech recognition heard, not the script")
                .isEqualTo("thank you that helps");
        assertThat(second.observations()).filteredOn(observation -> observation.modality() == Modality.FACE)
                .singleElement().satisfies(observation -> assertThat(observation.model()).isEqualTo(FER));
        // one second of speech, streamed in 100 ms pieces; the two frames spread over that second
        assertThat(calls).containsExactly(
                "face read 2 frames from 2026-11-25T10:15:29Z to 2026-11-25T10:15:29.500Z", "speech heard 32000 bytes",
                "face read 2 frames from 2026-11-25T10:15:29Z to 2026-11-25T10:15:29.500Z", "speech heard 32000 bytes");
    }

    @Test
    void theJudgeScoresEveryAnswer_knowingTheSituationButNotWhichSessionGaveIt() {
        JudgeCareResponses judge = new JudgeCareResponses() {
            @Override
            public String name() {
                return "openai judge-model";
            }

            @Override
            public Judgement judge(JudgedResponse response, Rubric rubric) {
                judged.add(response);
                if (judged.size() == 4) {
                    throw new JudgementUnavailable("no answer within 60s");
                }
                int score = response.response().equals(COMFORT) ? 5 : 2;
                return rubric.judgement(name(), Map.of("empathy", score, "support", score, "voice", score, "face",
                        score, "motion", score, "overall", score), "because");
            }
        };

        Evaluation result = evaluation(Optional.of(judge)).evaluate(evaluate(true));

        assertThat(result.judge()).contains("openai judge-model");
        assertThat(judged).extracting(JudgedResponse::patientSaid).containsExactly(
                "Why is everything so unfair to me?", "Why is everything so unfair to me?",
                "Thank you, that helps.", "Thank you, that helps.");
        assertThat(judged).allSatisfy(asked -> {
            assertThat(asked.feeling()).isEqualTo(CareState.ANGER);
            assertThat(asked.situation()).isEqualTo("angry at being ignored on the ward");
        });
        List<ComparedTurn> turns = result.scenarios().getFirst().turns();
        assertThat(turns.getFirst().answer(Condition.WITH_EMOTION_INPUT).judged()).get()
                .isInstanceOfSatisfying(Judged.Scored.class, scored -> {
                    assertThat(scored.judgement().score("overall")).isEqualTo(5);
                    assertThat(scored.judgement().judge()).isEqualTo("openai judge-model");
                    assertThat(scored.judgement().rubricVersion()).isEqualTo(Rubric.CARE_RESPONSE.version());
                });
        assertThat(turns.getFirst().answer(Condition.WITHOUT_EMOTION_INPUT).judged()).get()
                .isInstanceOfSatisfying(Judged.Scored.class,
                        scored -> assertThat(scored.judgement().score("overall")).isEqualTo(2));
        Answer unjudged = turns.get(1).answer(Condition.WITHOUT_EMOTION_INPUT);
        assertThat(unjudged.judged()).get().isEqualTo(new Judged.Unscored("no answer within 60s"));
        assertThat(hospital.ratings.all()).as("a judge's scores are never patients' ratings").isEmpty();
    }

    @Test
    void judgingWithoutAJudge_isRefusedBeforeAnythingIsPlayed() {
        assertThatThrownBy(() -> evaluation(Optional.empty()).evaluate(evaluate(true)))
                .isInstanceOfSatisfying(Conflict.class, refused -> assertThat(refused.kind()).isEqualTo("no-judge"));

        assertThat(hospital.robots.all()).isEmpty();
        assertThat(hospital.audited()).isEmpty();
    }

    @Test
    void aScenarioIsRefusedWithoutTurns_orWithAnExpressionTheFaceCannotShow() {
        assertThatThrownBy(() -> new Scenario("empty", CareState.FEAR, "nothing", new RolePlayedPatient(1970,
                Gender.OTHER, "en", List.of()), "none", List.of()))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("1 to 50 turns");
        assertThatThrownBy(() -> new Seen.Stated("anxious"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("a stated facial expression is one of [angry, disgust, fear, happy, sad, surprise, "
                        + "neutral], got anxious");
        assertThatThrownBy(() -> new Evaluate(admin, clinician, List.of(anger(), anger()), false))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("anger-feeling-ignored");
    }
}
