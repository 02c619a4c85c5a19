package org.eecs.robot.body;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The emergency stop as the agent keeps it: a latch. Pressing it (the body's hardware button, the simulator page,
 * an operator) engages it at once and tells every listener, which halt all motion. It stays engaged after the
 * button is released, refusing motion, until someone resets it; a reset while the button is still pressed is
 * refused.
 */
public final class EmergencyStop {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
    private boolean engaged;
    private boolean pressed;
    private long engagements;
    private String reason = "";

    /** {@code onEngaged} is told the reason each time the stop engages, on the thread that pressed it. */
    public void whenEngaged(Consumer<String> onEngaged) {
        listeners.add(onEngaged);
    }

    /** {@code onReset} runs after each successful reset, e.g. to bring the body back to rest. */
    public void whenReset(Runnable onReset) {
        resetListeners.add(onReset);
    }

    /** The button is down (or an operator stopped the robot). */
    public void press(String source) {
        boolean newlyEngaged;
        synchronized (this) {
            pressed = true;
            newlyEngaged = !engaged;
            engaged = true;
            engagements += newlyEngaged ? 1 : 0;
            reason = source;
        }
        if (newlyEngaged) {
            listeners.forEach(listener -> listener.accept(source));
        }
    }

    /** The button is up again; the stop stays engaged until {@link #reset()}. */
    public synchronized void release() {
        pressed = false;
    }

    /** Allows motion again; refused (false) while the button is still pressed. */
    public boolean reset() {
        synchronized (this) {
            if (pressed) {
                return false;
            }
            engaged = false;
            reason = "";
        }
        resetListeners.forEach(Runnable::run);
        return true;
    }

    public synchronized boolean engaged() {
        return engaged;
    }

    /** How many times the stop has engaged: a change means it engaged, even if it was reset since. */
    public synchronized long engagements() {
        return engagements;
    }

    public synchronized boolean pressed() {
        return pressed;
    }

    public synchronized String reason() {
        return reason;
    }
}
