package org.eecs.robot.body;

import java.util.concurrent.locks.LockSupport;

/**
 * The monotonic time a performance runs on and a simulated body keeps: the machine's own ({@link #SYSTEM}), or, in
 * tests, one that moves only when the control loop waits, so that what a performance does cannot depend on how busy
 * the machine is.
 */
public interface Ticker {

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
        }

        @Override
        public void unpark(Thread thread) {
            LockSupport.unpark(thread);
        }
    };

    /** Now, in nanoseconds from an arbitrary origin ({@link System#nanoTime()}'s on the machine). */
    long nanoTime();

    /** Waits about {@code nanos}, or less: woken by {@link #unpark}, or for no reason; the caller looks again. */
    void parkNanos(long nanos);

    /** Wakes {@code thread} from {@link #parkNanos}. */
    void unpark(Thread thread);
}
