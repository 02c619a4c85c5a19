package org.eecs.application.turn;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.access.CareRecordAccess.Act;
import org.eecs.application.generation.PreparingPerformance;
import org.eecs.application.generation.PreparingPerformance.PreparedPerformance;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.RespondingToPatients;
import org.eecs.application.port.in.RespondingToPatients.Reply;
import org.eecs.application.port.in.SessionNotInProgress;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.in.UnknownTurn;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareSessions.SessionCriteria;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.ReasonAboutCare.SessionContext;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.Recordings;
import org.eecs.application.port.out.Recordings.TurnMedia;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.TurnOpenings;
import org.eecs.application.port.out.TurnOpenings.TurnOpening;
import org.eecs.application.port.out.Turns;
import org.eecs.application.port.out.TurnsRecorded;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;

/**
 * One care turn from what the robot captured to what it performs, joining the paper's layers:
 * <ol>
 *   <li>access: the robot's own session, in progress (else 404 or {@link SessionNotInProgress}), with the patient,
 *       their consent and the session's latest turns read at once ({@link TurnOpenings}), writing nothing (the
 *       opening is audited with the turn, or on its own if the turn is never recorded);</li>
 *   <li>consent at the turn's instant ({@link TurnConsent}): no audio capture, no turn; no video capture, no frame
 *       read; no emotion analysis, no emotion; external processing passed to reasoning; retention decides whether
 *       the raw recordings are kept, and until when;</li>
 *   <li>recognition ({@link Hearing}): face and speech in parallel, then the words' cues, then fusion;</li>
 *   <li>reasoning ({@link RespondingToPatients}), outside any unit of work: safety first, and a language model may
 *       take seconds; the emotion is withheld by the session's ablation flag, the turn's own, or missing consent;</li>
 *   <li>generation ({@link PreparingPerformance});</li>
 *   <li>the turn, its recordings (with consent), their audit events (the session's opening included) and the
 *       answer to the robot's retry key, if it gave one, in one unit of work, which also checks that the session
 *       still runs: a session aborted meanwhile (consent withdrawn) records nothing more.</li>
 * </ol>
 * So a turn writes once. Its answer can be prepared again from its record ({@link #answerAgain}).
 */
public final class TakingTurns implements ConversingWithPatients {

    /** How many of the session's latest turns reasoning sees. */
    static final int RECENT_TURNS = 6;
    /** Scheduled sessions that started their window longer ago than this are not offered as "next". */
    private static final Duration NEXT_SESSION_LOOKBACK = Duration.ofHours(12);
    private static final Duration NEXT_SESSION_HORIZON = Duration.ofDays(366);

    private final Hearing hearing;
    private final RespondingToPatients reasoning;
    private final PreparingPerformance performance;
    private final CareSessions sessions;
    private final TurnOpenings openings;
    private final Consents consents;
    private final Turns turns;
    private final Recordings recordings;
    private final Transactions transactions;
    private final TurnsRecorded recorded;
    private final CareRecordAccess access;
    private final Clock clock;
    /** What each robot was last told of its sessions, audited then (one entry a robot). */
    private final Map<RobotId, RobotSessions> lastTold = new ConcurrentHashMap<>();

    /** The recognisers, and the executor on which the face is read while the speech is. */
    public record Recognizers(RecognizeFacialExpression faces, TranscribeSpeech speech, RecognizeTextCues textCues,
                              EmotionFusion fusion, Executor executor) {
    }

    /**
     * Where sessions, consents, turns and recordings are kept, what a turn reads at its opening, and who is told of a
     * recorded turn.
     */
    public record Records(CareSessions sessions, TurnOpenings openings, Consents consents, Turns turns,
                          Recordings recordings, Transactions transactions, TurnsRecorded recorded) {
    }

    public TakingTurns(Recognizers recognizers, RespondingToPatients reasoning, PreparingPerformance performance,
                       Records records, CareRecordAccess access, Clock clock) {
        this.hearing = new Hearing(recognizers.faces(), recognizers.speech(), recognizers.textCues(),
                recognizers.fusion(), recognizers.executor());
        this.reasoning = reasoning;
        this.performance = performance;
        this.sessions = records.sessions();
        this.openings = records.openings();
        this.consents = records.consents();
        this.turns = records.turns();
        this.recordings = records.recordings();
        this.transactions = records.transactions();
        this.recorded = records.recorded();
        this.access = access;
        this.clock = clock;
    }

    /**
     * The robot's current and next session. A robot asks every few seconds while it runs (every 5 s in the agent):
     * the READ of its sessions is audited when what it is told differs from what it was last told by this instance
     * (its first poll, another session, a session changed, consent to audio capture given or withdrawn), not at every
     * poll that tells it the same again, which would add an event to the chain every 5 s per robot and record no
     * access an auditor does not already see. Each turn's opening of its session is audited as before.
     */
    @Override
    public RobotSessions sessionsOf(Caller robot) {
        access.requireRole(robot, Role.ROBOT, AuditAction.READ, new EntityRef("CareSession", robot.actor().id()));
        RobotId id = new RobotId(robot.actor().id());
        Instant now = clock.instant();
        RobotSessions told = transactions.inOne(() -> {
            Optional<CareSession> current = first(new SessionCriteria(null, Set.of(), null, id,
                    SessionState.IN_PROGRESS), now);
            Optional<CareSession> next = first(new SessionCriteria(
                    new TimeWindow(now.minus(NEXT_SESSION_LOOKBACK), now.plus(NEXT_SESSION_HORIZON)), Set.of(), null,
                    id, SessionState.SCHEDULED), now);
            boolean audioConsent = current.map(session -> TurnConsent.at(consents.historyOf(session.patient()), now)
                    .audio()).orElse(false);
            RobotSessions sessions = new RobotSessions(current, next, audioConsent);
            if (!sessions.equals(lastTold.get(id))) {
                current.ifPresent(session -> opened(robot, session));
                next.ifPresent(session -> opened(robot, session));
            }
            return sessions;
        });
        lastTold.put(id, told); // once its audit events are committed
        return told;
    }

    @Override
    public CareSession runningSession(Caller robot, CareSessionId id) {
        access.requireRole(robot, Role.ROBOT, AuditAction.READ, EntityRef.careSession(id));
        return transactions.inOne(() -> running(robot, id));
    }

    @Override
    public TurnAnswer take(TakeTurn request) {
        Opened opened = open(request.caller(), request.session());
        try {
            return taken(request, opened);
        } catch (RuntimeException | Error unrecorded) {
            openedOnly(request.caller(), opened);
            throw unrecorded;
        }
    }

    private TurnAnswer taken(TakeTurn request, Opened opened) {
        TimeWindow window = new TimeWindow(request.startedAt(), request.endedAt());
        Recognized recognized;
        Optional<TurnMedia> media = Optional.empty();
        switch (request.heard()) {
            case Heard.Recorded recorded -> {
                recognized = hearing.recorded(recorded.audio(), recorded.frames(), opened.patient().locale(), window,
                        opened.consent());
                media = opened.consent().keepRecordingsUntil().map(until -> new TurnMedia(opened.turn(),
                        opened.session().id(), opened.patient().id(), TurnMedia.WAV, recorded.audio().wav(),
                        opened.consent().video() ? recorded.frames().frames() : List.of(), until));
            }
            case Heard.Words words -> recognized = hearing.words(words.text(), window, opened.consent());
        }
        return answer(request.caller(), opened, recognized, request.withholdEmotion(), media, request.retryKey());
    }

    @Override
    public StreamedTurn open(OpenTurn request) {
        Opened opened = open(request.caller(), request.session());
        try {
            return new Streaming(request, opened, hearing.listen(opened.patient().locale(), opened.consent()));
        } catch (RuntimeException | Error unrecorded) {
            openedOnly(request.caller(), opened);
            throw unrecorded;
        }
    }

    @Override
    public TurnAnswer answerAgain(Caller robot, TurnId id) {
        access.requireRole(robot, Role.ROBOT, AuditAction.READ, turnEntity(id));
        Turn turn = transactions.inOne(() -> {
            Optional<Turn> found = turns.find(id);
            if (found.isEmpty()) {
                access.missing(robot, AuditAction.READ, turnEntity(id));
                throw new UnknownTurn(id);
            }
            try {
                access.session(robot, found.get().session(), AuditAction.READ, turnEntity(id));
            } catch (UnknownCareSession notItsOwn) {
                throw new UnknownTurn(id);
            }
            return found.get();
        });
        // the plan is a function of the care response: the same words, tone, face and motion, performed again
        return new TurnAnswer(turn, performance.prepare(turn.response()).plan());
    }

    @Override
    public void bargeIn(Caller robot, CareSessionId session, TurnId turn, Duration heardAfter) {
        Interruption interruption = new Interruption(clock.instant(), heardAfter);
        transactions.inOne(() -> {
            access.requireRole(robot, Role.ROBOT, AuditAction.UPDATE, turnEntity(turn));
            access.session(robot, session, AuditAction.UPDATE, turnEntity(turn));
            turns.find(turn).filter(found -> found.session().equals(session))
                    .orElseThrow(() -> new UnknownTurn(turn));
            turns.interrupt(turn, interruption);
            return null;
        });
    }

    /** A turn being streamed: what consent allows is read as it comes; the rest of the turn at its end. */
    private final class Streaming implements StreamedTurn {

        private final OpenTurn request;
        private final Opened opened;
        private final Hearing.Streamed heard;
        private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        private final List<VideoClip.Frame> frames = new ArrayList<>();
        private boolean answered;

        private Streaming(OpenTurn request, Opened opened, Hearing.Streamed heard) {
            this.request = request;
            this.opened = opened;
            this.heard = heard;
        }

        @Override
        public void hear(byte[] pcm) {
            heard.hear(pcm);
            if (keeps()) {
                audio.writeBytes(pcm);
            }
        }

        @Override
        public void see(VideoClip.Frame frame) {
            if (!opened.consent().video() || frames.size() >= MAX_FRAMES) {
                return;
            }
            frames.add(frame);
            heard.see(frame);
        }

        @Override
        public TurnAnswer finish(Instant endedAt) {
            if (endedAt == null || endedAt.isBefore(request.startedAt())) {
                throw new InvalidRequest("a turn ends after it started at " + request.startedAt() + ", got " + endedAt);
            }
            Recognized recognized = heard.finish(new TimeWindow(request.startedAt(), endedAt));
            Optional<TurnMedia> media = opened.consent().keepRecordingsUntil().map(until -> new TurnMedia(
                    opened.turn(), opened.session().id(), opened.patient().id(), TurnMedia.PCM, audio.toByteArray(),
                    frames, until));
            TurnAnswer answer = answer(request.caller(), opened, recognized, request.withholdEmotion(), media,
                    request.retryKey());
            answered = true;
            return answer;
        }

        /** Abandoned, failed or answered: a turn not recorded still leaves its opening in the audit trail. */
        @Override
        public void close() {
            heard.close();
            if (!answered) {
                answered = true; // closed once
                openedOnly(request.caller(), opened);
            }
        }

        private boolean keeps() {
            return opened.consent().keepRecordingsUntil().isPresent();
        }
    }

    /** What a turn needs before anything is recognised, read at once at the turn's instant. */
    private record Opened(TurnId turn, Instant at, CareSession session, Patient patient, TurnConsent consent,
                          List<Exchange> recent) {
    }

    private Opened open(Caller caller, CareSessionId id) {
        TurnId turn = TurnId.newId();
        Instant at = clock.instant();
        access.requireRole(caller, Role.ROBOT, AuditAction.CREATE, turnEntity(turn));
        // one read, consistent on its own, and no unit of work around it: it writes nothing (the opening is audited
        // with the turn, in its one unit of work, so the audit trail's lock, which the turns of all robots wait for,
        // is taken once a turn and held only until its commit); a refusal is audited in a unit of its own
        Optional<TurnOpening> read = openings.of(id, RECENT_TURNS);
        CareSession session = access.sessionToRecordLater(caller, id, read.map(TurnOpening::session),
                AuditAction.READ, EntityRef.careSession(id));
        if (!session.acceptsTurns()) {
            throw new SessionNotInProgress(session);
        }
        TurnOpening opening = read.orElseThrow();
        Opened opened = new Opened(turn, at, session, opening.patient(), TurnConsent.at(opening.consents(), at),
                opening.recent());
        if (!opened.consent().audio()) {
            openedOnly(caller, opened);
            throw new Conflict("consent-required", "the patient's consent to audio capture is not in force, so the "
                    + "robot may not listen: the turn is refused");
        }
        return opened;
    }

    /**
     * Audits the opening of a turn that was not recorded (refused, failed or abandoned), in a unit of its own; with
     * the database gone as well, the failure that ended the turn is what the caller hears.
     */
    private void openedOnly(Caller caller, Opened opened) {
        try {
            transactions.inSeparateOne(() -> {
                access.record(caller, AuditAction.READ, EntityRef.careSession(opened.session().id()),
                        opened.patient().id());
                return null;
            });
        } catch (RuntimeException unrecorded) {
            // nothing to add: the turn failed, and so did its audit
        }
    }

    /** The caller's session, opened (and audited) for reading, if it takes turns. */
    private CareSession running(Caller caller, CareSessionId id) {
        CareSession session = access.session(caller, id, AuditAction.READ, EntityRef.careSession(id));
        if (!session.acceptsTurns()) {
            throw new SessionNotInProgress(session);
        }
        return session;
    }

    private TurnAnswer answer(Caller caller, Opened opened, Recognized recognized, boolean withholdEmotion,
                              Optional<TurnMedia> media, Optional<RetryKey> retryKey) {
        if (recognized.transcript().length() > Turn.MAX_UTTERANCE_LENGTH) {
            throw new InvalidRequest("the utterance is longer than " + Turn.MAX_UTTERANCE_LENGTH
                    + " characters; a turn is one utterance");
        }
        boolean withheld = !opened.consent().emotionAnalysis() || !opened.session().emotionInput() || withholdEmotion;
        Patient patient = opened.patient();
        CareSession session = opened.session();
        Situation situation = new Situation(recognized.transcript(), withheld ? Optional.empty() : recognized.fused(),
                withheld, new SessionContext(opened.recent(),
                        patient.ageGroup(Year.from(opened.at().atZone(clock.getZone()))),
                        patient.preferredLanguage(), patient.preferences(), session.careGoal()),
                Set.of(patient.alias(), patient.id().toString(), session.id().toString()));
        Reply reply = reasoning.respond(new RespondingToPatients.Utterance(caller, session.id(), situation,
                opened.consent().externalLanguageModel()));
        PreparedPerformance prepared = performance.prepare(reply.response());
        StageLatencies latencies = merged(recognized.latencies(), reply.latencies(), prepared.latencies());
        AnsweredBy answeredBy = new AnsweredBy(AnsweredBy.Kind.valueOf(reply.reasoner().kind().name()),
                reply.reasoner().name(), reply.reasoner().templateVersion(), reply.fallbackReason());
        TurnDraft draft = new TurnDraft(opened.turn(), session.id(), opened.at(), recognized.transcript(),
                recognized.observations(), reply.response(), withheld, latencies, answeredBy,
                reply.escalation().map(escalation -> escalation.id()));
        Turn turn = transactions.inOne(() -> {
            // the session held to the commit and the turn numbered after its last and recorded, in one step, while
            // the session is as it was when the turn opened (in progress), the robot's key answered with it
            Turn recorded = switch (turns.recordNext(draft, session.state(), retryKey)) {
                case Turns.NextTurn.Recorded(Turn numbered) -> numbered;
                // a session never returns to in progress: moved on meanwhile, it ended (read for how it ended)
                case Turns.NextTurn.SessionMoved moved -> throw new SessionNotInProgress(sessions.find(session.id())
                        .orElseThrow(() -> new UnknownCareSession(session.id())));
                case Turns.NextTurn.NoSuchSession gone -> throw new UnknownCareSession(session.id());
            };
            media.ifPresent(recordings::keep);
            // audited last: the audit trail's lock is held only until the commit
            List<Act> acts = new ArrayList<>(List.of(new Act(AuditAction.READ, EntityRef.careSession(session.id())),
                    new Act(AuditAction.CREATE, turnEntity(recorded.id()))));
            media.ifPresent(kept -> acts.add(new Act(AuditAction.CREATE,
                    new EntityRef("TurnRecording", recorded.id().toString()))));
            access.record(caller, patient.id(), acts);
            return recorded;
        });
        recorded.recorded(turn);
        return new TurnAnswer(turn, prepared.plan());
    }

    private Optional<CareSession> first(SessionCriteria criteria, Instant now) {
        return sessions.list(criteria, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(session -> session.window().end().isAfter(now) || session.state() == SessionState.IN_PROGRESS)
                .findFirst();
    }

    private void opened(Caller robot, CareSession session) {
        access.record(robot, AuditAction.READ, EntityRef.careSession(session.id()), session.patient());
    }

    private static EntityRef turnEntity(TurnId turn) {
        return new EntityRef("Turn", turn.toString());
    }

    private static StageLatencies merged(StageLatencies... parts) {
        StageLatencies all = StageLatencies.none();
        for (StageLatencies part : parts) {
            for (var stage : part.byStage().entrySet()) {
                all = all.with(stage.getKey(), stage.getValue());
            }
        }
        return all;
    }
}
