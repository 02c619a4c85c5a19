package org.eecs.robot.turn;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.vad.SileroVad;
import org.eecs.perception.vad.SpeechSegment;
import org.eecs.perception.vad.SpeechSegmenter;
import org.eecs.robot.backend.Backoff;
import org.eecs.robot.backend.BackendUnreachable;
import org.eecs.robot.backend.CareBackend;
import org.eecs.robot.backend.TurnOutcome;
import org.eecs.robot.backend.Utterance;
import org.eecs.robot.capture.AudioChunk;
import org.eecs.robot.capture.Camera;
import org.eecs.robot.capture.CameraFrame;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.capture.Microphone;
import org.eecs.robot.perform.Performance;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.perform.Watchdog;

/**
 * The conversation in one care session: listen, cut the patient's speech into utterances (Silero VAD), send each
 * with the camera frames of its time, perform the answer, listen again.
 *
 * <p>Half duplex: while the robot speaks, the microphone is gated so that the robot does not hear itself, and for
 * {@code echoTail} after; what is said while a turn is with the backend is not heard either. If the backend records
 * barge-in, the gated audio still goes to a second, stricter detector: the patient speaking over the robot for
 * {@code bargeInSpeech} stops the performance, is reported, and starts the next utterance (with what was heard).
 * A turn that cannot reach the backend is retried with the same idempotency key, while the watchdog keeps the
 * patient informed; when the backend streams turns, audio goes out from the onset of speech.
 */
public final class TurnLoop {

    private static final Logger LOG = Logger.getLogger(TurnLoop.class.getName());

    /**
     * @param speech            how speech is cut (Silero's threshold, a pause of half a second ends an utterance...)
     * @param framesPerTurn     at most this many camera frames go with an utterance, evenly spread over it
     * @param bargeIn           whether the patient may interrupt the robot (when the backend records it)
     * @param bargeInThreshold  the speech probability a frame needs to count towards a barge-in
     * @param bargeInSpeech     how long the patient must speak over the robot to interrupt it
     * @param echoTail          how long the microphone stays gated after the robot's voice stopped
     * @param retryEvery        the first pause between attempts to reach the backend (then doubled, to 8 times)
     * @param giveUpAfter       after this long unreachable, the turn is dropped (and logged)
     */
    public record Settings(SpeechSegmenter.Settings speech, int framesPerTurn, boolean bargeIn, double bargeInThreshold,
                           Duration bargeInSpeech, Duration echoTail, Duration retryEvery, Duration giveUpAfter) {

        public static final Settings DEFAULTS = new Settings(SpeechSegmenter.Settings.DEFAULTS, 16, true, 0.8,
                Duration.ofMillis(250), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMinutes(2));

        public Settings withRetryEvery(Duration retryEvery) {
            return new Settings(speech, framesPerTurn, bargeIn, bargeInThreshold, bargeInSpeech, echoTail, retryEvery,
                    giveUpAfter);
        }
    }

    /** Why a session's conversation ended. */
    public enum End {
        /** The backend said the session is over. */
        SESSION_OVER,
        /** The session runs, but the patient's consent to audio capture is not in force: the robot may not listen. */
        CONSENT_REQUIRED,
        /** The microphone's source ended (a file played to its end). */
        MICROPHONE_ENDED,
        /** The agent is shutting down. */
        STOPPED
    }

    private final Microphone microphone;
    private final Camera camera;
    private final SileroVad vad;
    private final CareBackend backend;
    private final Performer performer;
    private final Watchdog watchdog;
    private final CaptureClock clock;
    private final Settings settings;
    private volatile boolean running = true;
    /** Set from outside (the session watched meanwhile): end the conversation at the next chunk, for this. */
    private volatile End endedFromOutside;

    // the state of one run(); the loop is single-threaded
    private String sessionId;
    private Listening listening;
    private Performance performing;
    private boolean awaitingVoice;
    private String answeredTurn;
    private long performanceHeardFromUs = -1;
    private long gatedUntilUs = Long.MIN_VALUE;
    private BargeInDetector bargeIn;

    public TurnLoop(Microphone microphone, Camera camera, SileroVad vad, CareBackend backend, Performer performer,
                    Watchdog watchdog, CaptureClock clock, Settings settings) {
        this.microphone = microphone;
        this.camera = camera;
        this.vad = vad;
        this.backend = backend;
        this.performer = performer;
        this.watchdog = watchdog;
        this.clock = clock;
        this.settings = settings;
    }

    /** Ends {@link #run} after the chunk being heard. */
    public void stop() {
        running = false;
    }

    /**
     * The session's conversation is to end ({@link End#SESSION_OVER} or {@link End#CONSENT_REQUIRED}), as the
     * backend said when asked in between turns: {@link #run} returns it after the chunk being heard, abandoning a
     * turn being streamed, or from the wait for a turn's retry. An answer being performed is performed to its end.
     */
    public void end(End why) {
        endedFromOutside = why;
    }

    /** Listens and answers in session {@code sessionId} until it is over or the microphone ends. */
    public End run(String sessionId) throws InterruptedException {
        this.sessionId = sessionId;
        listening = null;
        endedFromOutside = null;
        bargeIn = new BargeInDetector(vad, settings.bargeInThreshold(), settings.bargeInSpeech());
        microphone.discardPending();
        AudioChunk chunk;
        while (running && endedFromOutside == null && (chunk = microphone.next()) != null) {
            End end = hear(chunk);
            if (end != null) {
                return end;
            }
        }
        if (endedFromOutside != null) {
            if (listening != null && listening.stream != null) {
                listening.stream.abandon();
            }
            listening = null;
            return endedFromOutside;
        }
        if (!running) {
            return End.STOPPED;
        }
        if (listening != null && !robotSpeaking()) {
            for (SpeechSegment segment : listening.segmenter.finish()) {
                End end = answer(segment);
                if (end != null) {
                    return end;
                }
            }
        }
        if (performing != null) {
            performing.ended().exceptionally(e -> null).join();
        }
        return End.MICROPHONE_ENDED;
    }

    private End hear(AudioChunk chunk) {
        if (robotSpeaking()) {
            if (performanceHeardFromUs < 0) {
                performanceHeardFromUs = chunk.startUs();
            }
            gatedUntilUs = chunk.endUs() + settings.echoTail().toNanos() / 1000;
            if (settings.bargeIn() && backend.offersBargeIn() && answering() && bargeIn.hears(chunk)) {
                return bargeIn(chunk);
            }
            return null;
        }
        bargeIn.reset();
        if (chunk.startUs() < gatedUntilUs) {
            return null;
        }
        return listen(chunk);
    }

    /** Whether the robot's voice plays (an answer, or the watchdog's line), or an answer's is about to. */
    private boolean robotSpeaking() {
        if (performer.speaking()) {
            awaitingVoice = false;
            return true;
        }
        if (awaitingVoice && performing != null && !performing.ended().isDone()
                && performing.plan().speech().audio().length() > 0) {
            return true; // started, its voice not yet playing
        }
        awaitingVoice = false;
        return false;
    }

    /** Barge-in stops the robot's answer to a turn, not the watchdog's line. */
    private boolean answering() {
        return answeredTurn != null && performing != null && performer.current().orElse(null) == performing;
    }

    private End bargeIn(AudioChunk chunk) {
        Duration heardAfter = Duration.ofNanos((chunk.endUs() - performanceHeardFromUs) * 1000);
        LOG.info(() -> "the patient spoke over the robot " + heardAfter.toMillis() + " ms into turn " + answeredTurn);
        performing.stop("the patient spoke over the robot");
        try {
            backend.reportBargeIn(sessionId, answeredTurn, heardAfter);
        } catch (BackendUnreachable e) {
            LOG.warning(() -> "the barge-in could not be reported: " + e.getMessage());
        }
        answeredTurn = null;
        awaitingVoice = false;
        gatedUntilUs = Long.MIN_VALUE;
        List<AudioChunk> heard = bargeIn.heard();
        bargeIn.reset();
        listening = null;
        for (AudioChunk earlier : heard) {
            End end = listen(earlier);
            if (end != null) {
                return end;
            }
        }
        return null;
    }

    private End listen(AudioChunk chunk) {
        if (listening == null) {
            listening = new Listening(chunk.startUs());
        }
        Listening l = listening;
        l.buffer.append(chunk.samples());
        List<SpeechSegment> segments = l.segmenter.accept(chunk.samples());
        OptionalLong since = l.segmenter.speechSince();
        if (backend.streamsTurns() && !l.streamBroken) {
            stream(l, since, segments.isEmpty());
        }
        for (SpeechSegment segment : segments) {
            End end = answer(segment);
            if (end != null) {
                return end;
            }
            if (listening != l) {
                return null; // an answer is being performed: listening starts afresh after it
            }
        }
        if (l.stream != null && since.isEmpty()) {
            l.stream.abandon(); // too short to be speech after all
            l.stream = null;
        }
        // keep what a segment could still need: from the speech going on (less padding), or the last second
        long keepFrom = since.isPresent() ? since.getAsLong() - samples(settings.speech().padding())
                : l.buffer.end() - 16_000;
        l.buffer.trimBefore(Math.min(keepFrom, l.streamedFrom));
        return null;
    }

    private void stream(Listening l, OptionalLong since, boolean noSegmentYet) {
        try {
            if (l.stream == null && since.isPresent() && noSegmentYet) {
                l.streamKey = UUID.randomUUID();
                l.streamedFrom = Math.max(l.buffer.start(), since.getAsLong() - samples(settings.speech().padding()));
                l.streamedTo = l.streamedFrom;
                l.framesStreamedTo = l.originUs + l.streamedFrom * 1_000_000L / 16_000;
                l.stream = backend.openTurn(sessionId, l.streamKey, clock.instantOf(l.framesStreamedTo));
            }
            if (l.stream != null) {
                l.stream.audio(l.buffer.slice(l.streamedTo, l.buffer.end()));
                l.streamedTo = l.buffer.end();
                long nowUs = l.originUs + l.streamedTo * 1_000_000L / 16_000;
                for (CameraFrame frame : camera.framesBetween(l.framesStreamedTo, nowUs)) {
                    if (l.framesStreamed < settings.framesPerTurn()) {
                        l.stream.frame(frame);
                        l.framesStreamed++;
                    }
                }
                l.framesStreamedTo = nowUs;
            }
        } catch (BackendUnreachable e) {
            LOG.warning(() -> "streaming the turn failed (" + e.getMessage() + "); it will be posted whole");
            watchdog.backendUnreachable();
            l.stream = null;
            l.streamBroken = true;
            l.streamedFrom = Long.MAX_VALUE;
        }
    }

    private End answer(SpeechSegment segment) {
        Listening l = listening;
        long startUs = l.originUs + segment.startSample() * 1_000_000L / 16_000;
        long endUs = l.originUs + segment.endSample() * 1_000_000L / 16_000;
        TurnOutcome outcome;
        if (l.stream != null) {
            outcome = endStream(l, segment);
        } else {
            List<CameraFrame> frames = spread(camera.framesBetween(startUs, endUs), settings.framesPerTurn());
            Utterance utterance = new Utterance(UUID.randomUUID(),
                    PcmAudio.of16kHz(l.buffer.slice(segment.startSample(), segment.endSample())),
                    clock.instantOf(startUs), frames);
            outcome = deliver(utterance);
        }
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case TurnOutcome.SessionOver over -> {
                LOG.info(() -> "session " + sessionId + " is over: " + over.reason());
                yield End.SESSION_OVER;
            }
            case TurnOutcome.ConsentRequired consent -> {
                LOG.warning(() -> "session " + sessionId + ": the robot stops listening (" + consent.reason()
                        + "); it asks again whether it may");
                yield End.CONSENT_REQUIRED;
            }
            case TurnOutcome.Refused refused -> {
                LOG.warning(() -> "the backend did not take the turn, which is dropped: " + refused.reason());
                listening = null;
                yield null;
            }
            case TurnOutcome.Answered answered -> {
                answeredTurn = answered.turnId();
                performanceHeardFromUs = -1;
                performing = performer.perform(answered.plan());
                awaitingVoice = true;
                listening = null;
                yield null;
            }
        };
    }

    private TurnOutcome endStream(Listening l, SpeechSegment segment) {
        try {
            TurnOutcome outcome = l.stream.end(segment.endSample() - l.streamedFrom);
            watchdog.backendReached();
            return outcome;
        } catch (BackendUnreachable e) {
            LOG.warning(() -> "the streamed turn could not be ended (" + e.getMessage() + "); sending it again");
            watchdog.backendUnreachable();
            List<CameraFrame> frames = spread(camera.framesBetween(
                    l.originUs + segment.startSample() * 1_000_000L / 16_000,
                    l.originUs + segment.endSample() * 1_000_000L / 16_000), settings.framesPerTurn());
            return deliver(new Utterance(l.streamKey, PcmAudio.of16kHz(l.buffer.slice(segment.startSample(),
                    segment.endSample())), clock.instantOf(l.originUs + segment.startSample() * 1_000_000L / 16_000),
                    frames, true));
        } finally {
            l.stream = null;
        }
    }

    /**
     * Sends the utterance until the backend takes it; the same key every time, so it is recorded once. The pause
     * between tries starts at {@code retryEvery} and doubles up to eight times that, or is what the backend asked
     * for ({@code Retry-After}) if longer.
     */
    private TurnOutcome deliver(Utterance utterance) {
        long firstFailure = -1;
        Backoff backoff = new Backoff(settings.retryEvery());
        while (running && endedFromOutside == null) {
            try {
                TurnOutcome outcome = backend.takeTurn(sessionId, utterance);
                watchdog.backendReached();
                return outcome;
            } catch (BackendUnreachable e) {
                watchdog.backendUnreachable();
                long now = System.nanoTime();
                firstFailure = firstFailure < 0 ? now : firstFailure;
                if (now - firstFailure > settings.giveUpAfter().toNanos()) {
                    LOG.severe(() -> "turn " + utterance.key() + " dropped: the backend stayed unreachable for "
                            + settings.giveUpAfter().toSeconds() + " s (" + e.getMessage() + ")");
                    return null;
                }
                Duration delay = backoff.failed(e.retryAfter().orElse(null));
                LOG.warning(() -> "turn " + utterance.key() + " not delivered yet (" + e.getMessage() + "); trying "
                        + "again in " + delay.toMillis() + " ms with the same key");
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    /** At most {@code max} frames, evenly spread over the utterance. */
    static List<CameraFrame> spread(List<CameraFrame> frames, int max) {
        if (frames.size() <= max) {
            return frames;
        }
        List<CameraFrame> picked = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            picked.add(frames.get((int) ((long) i * frames.size() / max)));
        }
        return picked;
    }

    private static long samples(Duration duration) {
        return duration.toNanos() * 16_000 / 1_000_000_000L;
    }

    /** One stretch of listening, from the first chunk heard after the robot last spoke. */
    private final class Listening {

        final long originUs;
        final SpeechSegmenter segmenter = new SpeechSegmenter(vad, settings.speech());
        final SampleBuffer buffer = new SampleBuffer();
        CareBackend.TurnStream stream;
        UUID streamKey;
        boolean streamBroken;
        long streamedFrom = Long.MAX_VALUE;
        long streamedTo;
        long framesStreamedTo;
        int framesStreamed;

        Listening(long originUs) {
            this.originUs = originUs;
        }
    }

    /** Hears speech over the robot's voice: enough frames in a row at a stricter threshold. */
    static final class BargeInDetector {

        private final SileroVad.Stream detector;
        private final float threshold;
        private final int framesNeeded;
        private final float[] frame = new float[SileroVad.FRAME];
        private final Deque<AudioChunk> heard = new ArrayDeque<>();
        private int buffered;
        private int loud;

        BargeInDetector(SileroVad vad, double threshold, Duration speech) {
            this.detector = vad.newStream();
            this.threshold = (float) threshold;
            this.framesNeeded = (int) Math.max(1, Math.ceil(speech.toNanos() / 32e6));
        }

        /** Feeds a chunk heard while the robot speaks; true once the patient has spoken long enough over it. */
        boolean hears(AudioChunk chunk) {
            heard.addLast(chunk);
            while (heard.size() > 1 && heard.peekFirst().endUs() < chunk.endUs() - 1_000_000) {
                heard.removeFirst();
            }
            float[] s = chunk.samples();
            int at = 0;
            while (at < s.length) {
                int n = Math.min(SileroVad.FRAME - buffered, s.length - at);
                System.arraycopy(s, at, frame, buffered, n);
                buffered += n;
                at += n;
                if (buffered == SileroVad.FRAME) {
                    buffered = 0;
                    loud = detector.probability(frame) >= threshold ? loud + 1 : 0;
                    if (loud >= framesNeeded) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The last second heard: the start of what the patient is saying. */
        List<AudioChunk> heard() {
            return new ArrayList<>(heard);
        }

        void reset() {
            heard.clear();
            buffered = 0;
            loud = 0;
            detector.reset();
        }
    }
}
