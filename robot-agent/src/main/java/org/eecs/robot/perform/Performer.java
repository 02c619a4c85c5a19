package org.eecs.robot.perform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.Ticker;
import org.eecs.robot.plan.PerformancePlan;

/**
 * Performs plans on the body, one at a time: a new plan stops the one before it. The body is always the guarded
 * one, so limits and the emergency stop are checked on every joint target.
 */
public final class Performer {

    /**
     * @param controlPeriod one cycle of the control loop (10 ms: the plan's 100 Hz)
     * @param lateSample    a cycle later than this behind its deadline ends the performance and calls the watchdog
     */
    public record Settings(Duration controlPeriod, Duration lateSample) {

        public static final Settings DEFAULTS = new Settings(Duration.ofMillis(10), Duration.ofMillis(200));

        public Settings {
            if (controlPeriod.isNegative() || controlPeriod.isZero() || lateSample.compareTo(controlPeriod) <= 0) {
                throw new IllegalArgumentException("the control period must be positive and shorter than the late-sample "
                        + "limit, got " + controlPeriod + " and " + lateSample);
            }
        }
    }

    private final GuardedBody body;
    private final Settings settings;
    private final Ticker ticker;
    private final List<Consumer<Performance>> lateListeners = new CopyOnWriteArrayList<>();
    private Performance current;

    public Performer(GuardedBody body, Settings settings) {
        this(body, settings, Ticker.SYSTEM);
    }

    /** @param ticker the time performances run on: the machine's, or the one a simulated body keeps in a test */
    public Performer(GuardedBody body, Settings settings, Ticker ticker) {
        this.body = body;
        this.settings = settings;
        this.ticker = ticker;
        body.emergencyStop().whenEngaged(reason -> current().ifPresent(Performance::wake));
    }

    public GuardedBody body() {
        return body;
    }

    /** {@code listener} is told, on the control thread, when a performance ends with {@link Ending#LATE_SAMPLE}. */
    public void whenLate(Consumer<Performance> listener) {
        lateListeners.add(listener);
    }

    /** Starts {@code plan} at once, after stopping whatever was being performed. */
    public Performance perform(PerformancePlan plan) {
        Performance previous;
        Performance next;
        synchronized (this) {
            previous = current;
            next = new Performance(plan, body, settings, ticker, this::late);
            current = next;
        }
        if (previous != null && !previous.ended().isDone()) {
            previous.stop("replaced by the next performance");
            previous.ended().exceptionally(e -> Ending.STOPPED).join();
        }
        next.start();
        return next;
    }

    /** Brings the joints back to the rest pose (if they are not there) and the face to neutral. */
    public Performance returnToRest() {
        PerformancePlan.Face noFace = new PerformancePlan.Face(0, 30, List.of(), 0, new float[0]);
        return perform(new PerformancePlan(0, new PerformancePlan.Response("", "neutral", "neutral", "none"),
                new PerformancePlan.Speech(0, PcmAudio.of16kHz(new float[0]), List.of()), noFace, Optional.empty()));
    }

    public synchronized Optional<Performance> current() {
        return Optional.ofNullable(current).filter(p -> !p.ended().isDone());
    }

    /** Whether the robot is speaking now. */
    public boolean speaking() {
        return current().map(Performance::speaking).orElse(false);
    }

    private void late(Performance performance) {
        lateListeners.forEach(listener -> listener.accept(performance));
    }
}
