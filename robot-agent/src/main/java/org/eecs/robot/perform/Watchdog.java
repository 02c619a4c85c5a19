package org.eecs.robot.perform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.eecs.robot.plan.PerformancePlan;

/**
 * Keeps the patient from facing a frozen robot. When the backend has been unreachable for too long during a
 * session, or a control cycle came too late to send its trajectory sample, the robot says a scripted line ("give
 * me a moment") and takes its safe idle pose: the line's plan moves nothing, so the body returns to rest within its
 * limits. It fires once per outage; the backend answering again re-arms it.
 */
public final class Watchdog {

    private static final Logger LOG = Logger.getLogger(Watchdog.class.getName());

    private final Performer performer;
    private final PerformancePlan line;
    private final Duration backendUnreachable;
    private final Clock clock;
    private final List<String> firings = new CopyOnWriteArrayList<>();
    private Instant outageSince;
    private boolean firedThisOutage;

    public Watchdog(Performer performer, PerformancePlan line, Duration backendUnreachable, Clock clock) {
        this.performer = performer;
        this.line = line;
        this.backendUnreachable = backendUnreachable;
        this.clock = clock;
        performer.whenLate(late -> fire("a trajectory sample was " + late.lateByUs() / 1000 + " ms late"));
    }

    /** A call to the backend failed to reach it. */
    public void backendUnreachable() {
        boolean fire;
        Instant now = clock.instant();
        synchronized (this) {
            if (outageSince == null) {
                outageSince = now;
            }
            fire = !firedThisOutage && !now.isBefore(outageSince.plus(backendUnreachable));
            firedThisOutage |= fire;
        }
        if (fire) {
            fire("the backend has been unreachable for " + Duration.between(outageSince, now).toSeconds() + " s");
        }
    }

    /** The backend answered. */
    public synchronized void backendReached() {
        outageSince = null;
        firedThisOutage = false;
    }

    /** Why the watchdog fired, in order. */
    public List<String> firings() {
        return List.copyOf(firings);
    }

    private void fire(String reason) {
        LOG.warning(() -> "watchdog: " + reason + "; saying the line and going to the safe idle pose");
        firings.add(reason);
        performer.perform(line);
    }
}
