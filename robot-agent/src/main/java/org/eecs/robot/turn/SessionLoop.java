package org.eecs.robot.turn;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eecs.robot.backend.BackendUnreachable;
import org.eecs.robot.backend.CareBackend;
import org.eecs.robot.backend.Sessions;
import org.eecs.robot.perform.Watchdog;

/**
 * The robot's day: ask the backend for its session every {@code pollEvery}; while one is in progress, hold the
 * conversation ({@link TurnLoop}); when it is over, wait for the next. An unreachable backend during a session is
 * the watchdog's business; outside one, the robot simply waits.
 */
public final class SessionLoop {

    private static final Logger LOG = Logger.getLogger(SessionLoop.class.getName());

    private final CareBackend backend;
    private final TurnLoop conversation;
    private final Watchdog watchdog;
    private final Duration pollEvery;
    private volatile boolean running = true;

    public SessionLoop(CareBackend backend, TurnLoop conversation, Watchdog watchdog, Duration pollEvery) {
        this.backend = backend;
        this.conversation = conversation;
        this.watchdog = watchdog;
        this.pollEvery = pollEvery;
    }

    public void stop() {
        running = false;
        conversation.stop();
    }

    /** Runs until stopped, or until the microphone's source ends (a file played to its end). */
    public TurnLoop.End run() throws InterruptedException {
        String lastSession = null;
        while (running) {
            Optional<Sessions.Session> current;
            try {
                current = backend.mySessions().current().filter(Sessions.Session::inProgress);
                watchdog.backendReached();
            } catch (BackendUnreachable e) {
                LOG.warning(() -> "the backend cannot be reached: " + e.getMessage());
                Thread.sleep(pollEvery.toMillis());
                continue;
            }
            if (current.isEmpty() || current.get().id().equals(lastSession)) {
                Thread.sleep(pollEvery.toMillis());
                continue;
            }
            Sessions.Session session = current.get();
            LOG.info(() -> "session " + session.id() + " in progress: listening");
            TurnLoop.End end = conversation.run(session.id());
            if (end != TurnLoop.End.SESSION_OVER) {
                return end;
            }
            lastSession = session.id();
        }
        return TurnLoop.End.STOPPED;
    }
}
