package org.eecs.application.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.ConversingWithPatients.OpenTurn;
import org.eecs.application.port.in.ConversingWithPatients.StreamedTurn;
import org.eecs.application.port.in.EvaluatingCare;
import org.eecs.application.port.in.RecordingConsent;
import org.eecs.application.port.in.RegisteringPatient;
import org.eecs.application.port.in.RegisteringPatient.RegisterPatient;
import org.eecs.application.port.in.RegisteringRobots;
import org.eecs.application.port.in.SchedulingCareSessions;
import org.eecs.application.port.in.SchedulingCareSessions.ScheduleSession;
import org.eecs.application.port.out.JudgeCareResponses;
import org.eecs.application.port.out.JudgeCareResponses.JudgedResponse;
import org.eecs.application.port.out.JudgeCareResponses.JudgementUnavailable;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.evaluation.Condition;
import org.eecs.domain.evaluation.Rubric;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Turn;

/**
 * Plays role-play scenarios through the care turn as a robot would, and compares the sessions with and without the
 * emotion input (the paper's Table II). The evaluation registers a robot of its own, and for each scenario a
 * role-played patient with consent to be heard, seen, read for emotion and answered by a language model; then it
 * runs one session with the emotion input and one without, turn by turn over the streamed turn, and completes
 * them. Each session keeps its own context, so later turns build on that session's own earlier answers.
 *
 * <p>Everything goes through the clinical use cases, with their access checks and audit events, so run it on a
 * database of its own: the evaluation's patients are role-played, not the hospital's. One evaluation at a time.
 */
public final class RolePlayEvaluation implements EvaluatingCare {

    /** How a scenario's words are paced when the script gives them as text: about 150 words a minute. */
    private static final Duration PER_WORD = Duration.ofMillis(400);
    /** A robot streams its audio in pieces of 100 ms. */
    private static final int PIECE_BYTES = TranscribeSpeech.SAMPLE_RATE / 10 * 2;
    private static final String PURPOSE = "evaluation";

    private final ScriptedInputs inputs;
    private final ConversingWithPatients turns;
    private final Desks desks;
    private final Optional<JudgeCareResponses> judge;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    /** The clinical use cases an evaluation goes through to set up its patients and sessions. */
    public record Desks(RegisteringRobots robots, RegisteringPatient patients, RecordingConsent consents,
                        SchedulingCareSessions sessions) {
    }

    /**
     * @param inputs the recognisers of {@code turns}, which take what a scenario scripts in place of recognition
     * @param turns  the care turn, built on {@code inputs}
     */
    public RolePlayEvaluation(ScriptedInputs inputs, ConversingWithPatients turns, Desks desks,
                              Optional<JudgeCareResponses> judge, Clock clock) {
        this.inputs = inputs;
        this.turns = turns;
        this.desks = desks;
        this.judge = judge;
        this.clock = clock;
    }

    @Override
    public Evaluation evaluate(Evaluate command) {
        if (command.judged() && judge.isEmpty()) {
            throw new Conflict("no-judge", "no language model is configured to judge the answers: set "
                    + "eecs.reasoning.llm.* (or eecs.evaluation.judge.*), or run without the judge");
        }
        oneAtATime.lock();
        try {
            Instant startedAt = clock.instant();
            Robot robot = desks.robots().register(command.administrator(), new Robot(
                    new RobotId("evaluation-" + UUID.randomUUID().toString().substring(0, 8)), "Evaluation robot",
                    "role-play evaluation", "evaluation"));
            Caller asRobot = new Caller(new Actor(robot.id().value(), Role.ROBOT), null, null, PURPOSE);
            List<PlayedScenario> played = new ArrayList<>();
            for (Scenario scenario : command.scenarios()) {
                played.add(play(scenario, command, robot.id(), asRobot));
            }
            return new Evaluation(startedAt, clock.instant(), judge.filter(j -> command.judged())
                    .map(JudgeCareResponses::name), played);
        } finally {
            oneAtATime.unlock();
        }
    }

    private PlayedScenario play(Scenario scenario, Evaluate command, RobotId robot, Caller asRobot) {
        Caller clinician = command.clinician();
        RolePlayedPatient role = scenario.patient();
        Patient patient = desks.patients().register(new RegisterPatient(clinician, "Role-play " + scenario.id(),
                role.birthYear(), role.gender(), role.language(), role.preferences()));
        desks.consents().grant(clinician, patient.id(), EnumSet.of(ConsentScope.AUDIO_CAPTURE,
                ConsentScope.VIDEO_CAPTURE, ConsentScope.EMOTION_ANALYSIS, ConsentScope.EXTERNAL_LLM_PROCESSING), null);
        List<Turn> with = session(scenario, patient, robot, asRobot, clinician, Condition.WITH_EMOTION_INPUT);
        List<Turn> without = session(scenario, patient, robot, asRobot, clinician, Condition.WITHOUT_EMOTION_INPUT);
        List<ComparedTurn> compared = new ArrayList<>();
        for (int i = 0; i < scenario.turns().size(); i++) {
            ScriptedTurn script = scenario.turns().get(i);
            compared.add(new ComparedTurn(i + 1, script, answer(scenario, script, with.get(i), command.judged()),
                    answer(scenario, script, without.get(i), command.judged())));
        }
        return new PlayedScenario(scenario, compared);
    }

    /** One session of the scenario, played turn by turn, then completed. */
    private List<Turn> session(Scenario scenario, Patient patient, RobotId robot, Caller asRobot, Caller clinician,
                               Condition condition) {
        Instant now = clock.instant();
        CareSession session = desks.sessions().schedule(new ScheduleSession(clinician, patient.id(), robot,
                new TimeWindow(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(12))), scenario.careGoal(),
                condition.emotionInput()));
        desks.sessions().start(clinician, session.id());
        List<Turn> played = new ArrayList<>();
        for (ScriptedTurn turn : scenario.turns()) {
            played.add(take(asRobot, session, turn));
        }
        desks.sessions().complete(clinician, session.id());
        return played;
    }

    /** One turn as a robot streams it: the audio in pieces, the frames spread over the utterance, then its end. */
    private Turn take(Caller asRobot, CareSession session, ScriptedTurn turn) {
        Duration length = switch (turn.said()) {
            case Said.Spoken spoken -> spoken.duration();
            case Said.Words words -> PER_WORD.multipliedBy(Math.max(3, words.text().strip().split("\\s+").length));
        };
        Instant endedAt = clock.instant();
        TimeWindow window = new TimeWindow(endedAt.minus(length), endedAt);
        return inputs.playing(turn, window, () -> {
            try (StreamedTurn streamed = turns.open(new OpenTurn(asRobot, session.id(), window.start(), false))) {
                if (turn.said() instanceof Said.Spoken spoken) {
                    for (int from = 0; from < spoken.pcm().length; from += PIECE_BYTES) {
                        streamed.hear(Arrays.copyOfRange(spoken.pcm(), from,
                                Math.min(spoken.pcm().length, from + PIECE_BYTES)));
                    }
                }
                if (turn.seen() instanceof Seen.Clip clip) {
                    List<VideoClip.Frame> frames = clip.frames().frames();
                    for (int i = 0; i < frames.size(); i++) {
                        streamed.see(new VideoClip.Frame(window.start().plus(length.multipliedBy(i)
                                .dividedBy(frames.size())), frames.get(i).image()));
                    }
                }
                return streamed.finish(window.end()).turn();
            }
        });
    }

    private Answer answer(Scenario scenario, ScriptedTurn script, Turn turn, boolean judged) {
        if (!judged) {
            return new Answer(turn, Optional.empty());
        }
        JudgeCareResponses judging = judge.orElseThrow();
        String said = script.said() instanceof Said.Spoken spoken && spoken.script().isEmpty() ? turn.utterance()
                : script.script();
        Judged outcome;
        try {
            outcome = new Judged.Scored(judging.judge(new JudgedResponse(scenario.emotion(), scenario.title(), said,
                    turn.response()), Rubric.CARE_RESPONSE));
        } catch (JudgementUnavailable unavailable) {
            outcome = new Judged.Unscored(unavailable.getMessage());
        }
        return new Answer(turn, Optional.of(outcome));
    }
}
