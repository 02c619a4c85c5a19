package org.eecs.robot.turn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eecs.robot.backend.BackendUnreachable;
import org.eecs.robot.backend.CareBackend;
import org.eecs.robot.backend.Sessions;
import org.eecs.robot.backend.TurnOutcome;
import org.eecs.robot.backend.Utterance;
import org.eecs.robot.capture.CameraFrame;
import org.eecs.robot.plan.PerformancePlan;

/**
 * The backend's robot API as the agent sees it, for tests until the real one lands: records turns by idempotency
 * key (so a retried turn is one turn), answers each with a plan, and can be made unreachable for a number of calls
 * (a restart).
 */
final class FakeBackend implements CareBackend {

    record BargeIn(String sessionId, String turnId, Duration heardAfter) {
    }

    final Map<UUID, Utterance> turns = new LinkedHashMap<>();
    final List<UUID> attempts = new CopyOnWriteArrayList<>();
    final List<BargeIn> bargeIns = new CopyOnWriteArrayList<>();
    final List<Streamed> streams = new CopyOnWriteArrayList<>();
    final AtomicInteger unreachableFor = new AtomicInteger();
    final List<String> sessionsAsked = new CopyOnWriteArrayList<>();
    /** What {@link #mySessions()} answers, in turn: a {@link Sessions} or a {@link BackendUnreachable} to throw. */
    final java.util.Deque<Object> sessionAnswers = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** What {@link #mySessions()} answers once {@link #sessionAnswers} are used up. */
    volatile Sessions standing = Sessions.NONE;
    /** The next this many turns are refused for want of consent to audio capture... */
    final AtomicInteger consentRequiredFor = new AtomicInteger();
    /** ...and from then on {@link #mySessions()} answers this, if set. */
    volatile Sessions afterConsentRefused;
    private final Function<Utterance, PerformancePlan> answer;
    boolean sessionOver;
    boolean barges;
    boolean streaming;

    FakeBackend(Function<Utterance, PerformancePlan> answer) {
        this.answer = answer;
    }

    @Override
    public Sessions mySessions() {
        Object next = sessionAnswers.isEmpty() ? standing : sessionAnswers.removeFirst();
        if (next instanceof BackendUnreachable unreachable) {
            throw unreachable;
        }
        return (Sessions) next;
    }

    @Override
    public synchronized TurnOutcome takeTurn(String sessionId, Utterance utterance) {
        attempts.add(utterance.key());
        sessionsAsked.add(sessionId);
        if (unreachableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new BackendUnreachable("connection refused (the backend is restarting)");
        }
        if (sessionOver) {
            return new TurnOutcome.SessionOver("COMPLETED");
        }
        if (consentRequiredFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            if (afterConsentRefused != null) {
                standing = afterConsentRefused;
            }
            return new TurnOutcome.ConsentRequired("the patient's consent to audio capture is not in force");
        }
        turns.putIfAbsent(utterance.key(), utterance);
        return new TurnOutcome.Answered("turn-" + turns.size(), answer.apply(utterance));
    }

    @Override
    public boolean offersBargeIn() {
        return barges;
    }

    @Override
    public void reportBargeIn(String sessionId, String turnId, Duration heardAfter) {
        bargeIns.add(new BargeIn(sessionId, turnId, heardAfter));
    }

    @Override
    public boolean streamsTurns() {
        return streaming;
    }

    @Override
    public TurnStream openTurn(String sessionId, UUID key, Instant startedAt) {
        Streamed stream = new Streamed(key, startedAt);
        streams.add(stream);
        return stream;
    }

    synchronized List<Utterance> utterances() {
        return new ArrayList<>(turns.values());
    }

    /** A streamed turn as received. */
    final class Streamed implements TurnStream {

        final UUID key;
        final Instant startedAt;
        final List<float[]> audio = new ArrayList<>();
        final List<CameraFrame> frames = new ArrayList<>();
        long endedAtSamples = -1;
        long receivedBeforeEnd = -1;
        boolean abandoned;

        Streamed(UUID key, Instant startedAt) {
            this.key = key;
            this.startedAt = startedAt;
        }

        @Override
        public void audio(float[] samples) {
            audio.add(samples);
        }

        @Override
        public void frame(CameraFrame frame) {
            frames.add(frame);
        }

        @Override
        public TurnOutcome end(long samples) {
            endedAtSamples = samples;
            receivedBeforeEnd = received();
            float[] all = new float[(int) Math.min(samples, received())];
            int at = 0;
            for (float[] piece : audio) {
                int n = Math.min(piece.length, all.length - at);
                System.arraycopy(piece, 0, all, at, n);
                at += n;
            }
            return takeTurn("streamed", new Utterance(key, org.eecs.perception.audio.PcmAudio.of16kHz(all), startedAt,
                    frames));
        }

        @Override
        public void abandon() {
            abandoned = true;
        }

        long received() {
            return audio.stream().mapToLong(a -> a.length).sum();
        }
    }
}
