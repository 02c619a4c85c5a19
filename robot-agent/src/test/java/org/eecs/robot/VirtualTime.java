package org.eecs.robot;

import java.time.Duration;
import org.eecs.robot.body.Ticker;

/**
 * Time that moves only when a control loop waits, and exactly as far as it waits: a performance on it is never late
 * however busy the machine, and what it does at a given instant does not depend on the machine's speed. A test may
 * {@linkplain #holdAt hold} the time at an instant: the loop that waits past it stops there until woken (a stop, a
 * new plan, the emergency stop) or {@linkplain #release released}, so the test acts at that very instant.
 */
public final class VirtualTime implements Ticker {

    private static final long ORIGIN = 1_000_000_000_000L;
    private long now = ORIGIN;
    private long holdAt = Long.MAX_VALUE;
    private boolean held;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void parkNanos(long nanos) {
        long until = now + Math.max(0, nanos);
        if (until < holdAt) {
            now = until;
            return;
        }
        now = Math.max(now, holdAt);
        holdAt = Long.MAX_VALUE;
        held = true;
        notifyAll();
        try {
            while (held) {
                wait();
            }
        } catch (InterruptedException e) {
            held = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void unpark(Thread thread) {
        if (held) {
            held = false;
            notifyAll();
        }
    }

    /** How far the time has moved since this clock was made. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now - ORIGIN);
    }

    /** The next wait that would pass {@code sinceStart} (from this clock's making) ends there, and holds. */
    public synchronized void holdAt(Duration sinceStart) {
        holdAt = ORIGIN + sinceStart.toNanos();
    }

    /** Waits (in real time, at most 10 s) until a loop is held. */
    public synchronized void awaitHeld() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!held) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no control loop reached the held instant within 10 s");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Lets the held loop go on. */
    public void release() {
        unpark(null);
    }
}
