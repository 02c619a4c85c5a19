package org.eecs.robot.turn;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eecs.robot.backend.Backoff;
import org.eecs.robot.backend.BackendRefused;
import org.eecs.robot.backend.BackendUnreachable;
import org.eecs.robot.backend.CareBackend;
import org.eecs.robot.backend.Sessions;
import org.eecs.robot.perform.Watchdog;

/**
 * The robot's day: ask the backend for its session every {@code pollEvery}; while one is in progress, hold the
 * conversation ({@link TurnLoop}); when it is over, wait for the next. An unreachable backend during a session is
 * the watchdog's business; outside one, the robot simply waits.
 *
 * <p>While the conversation runs, the session is asked about every {@code pollEvery} too, so that the robot learns
 * promptly, and not only at the patient's next turn, that the clinician ended it or that the patient's consent to
 * audio capture is no longer in force; a robot that may not listen asks again, less and less often (up to eight
 * times {@code pollEvery}), and listens again as soon as consent is recorded, in the same session.
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
        String awaitingConsent = null;
        Backoff consentChecks = new Backoff(pollEvery);
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
                awaitingConsent = null;
                Thread.sleep(pollEvery.toMillis());
                continue;
            }
            Sessions.Session session = current.get();
            if (!session.audioConsent()) {
                if (!session.id().equals(awaitingConsent)) {
                    LOG.warning(() -> "session " + session.id() + " is in progress, but the patient's consent to audio "
                            + "capture is not in force: the robot does not listen, and asks again");
                    awaitingConsent = session.id();
                }
                Thread.sleep(consentChecks.failed(null).toMillis());
                continue;
            }
            consentChecks.succeeded();
            boolean resumed = session.id().equals(awaitingConsent);
            awaitingConsent = null;
            LOG.info(() -> "session " + session.id() + " in progress: listening"
                    + (resumed ? " again (the patient's consent to audio capture is in force)" : ""));
            TurnLoop.End end;
            try (Watch watch = new Watch(session.id())) {
                end = conversation.run(session.id());
            }
            if (end == TurnLoop.End.CONSENT_REQUIRED) {
                awaitingConsent = session.id();
                Thread.sleep(consentChecks.failed(null).toMillis());
                continue;
            }
            if (end != TurnLoop.End.SESSION_OVER) {
                return end;
            }
            lastSession = session.id();
        }
        return TurnLoop.End.STOPPED;
    }

    /**
     * Asks about the session every {@code pollEvery} while its conversation runs, and ends the conversation when
     * the session is no longer in progress or the robot may no longer listen. It also tells the operator when the
     * backend stops answering and when it answers again (a patient who is silent meanwhile misses nothing).
     */
    private final class Watch implements AutoCloseable {

        private final String sessionId;
        private final Thread thread;
        private volatile boolean watching = true;
        private long unreachableSince = -1;
        private boolean told;

        Watch(String sessionId) {
            this.sessionId = sessionId;
            this.thread = Thread.ofVirtual().name("session-watch").start(this::watch);
        }

        private void watch() {
            while (watching) {
                try {
                    Thread.sleep(pollEvery.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (!watching) {
                    return;
                }
                try {
                    Optional<Sessions.Session> current = backend.mySessions().current()
                            .filter(s -> s.id().equals(sessionId) && s.inProgress());
                    reached();
                    if (!watching) {
                        return;
                    }
                    // told again at every poll until the conversation is closed: it cannot be missed
                    if (current.isEmpty()) {
                        if (!told) {
                            LOG.info(() -> "session " + sessionId + " is over: the backend no longer has it in "
                                    + "progress; the robot stops listening");
                        }
                        told = true;
                        conversation.end(TurnLoop.End.SESSION_OVER);
                    } else if (!current.get().audioConsent()) {
                        if (!told) {
                            LOG.warning(() -> "session " + sessionId + ": the patient's consent to audio capture is "
                                    + "no longer in force; the robot stops listening");
                        }
                        told = true;
                        conversation.end(TurnLoop.End.CONSENT_REQUIRED);
                    }
                } catch (BackendUnreachable e) {
                    if (!watching) {
                        return; // interrupted: the conversation is over anyway
                    }
                    if (unreachableSince < 0) {
                        unreachableSince = System.nanoTime();
                        LOG.warning(() -> "the backend cannot be reached (" + e.getMessage() + "); the robot listens on, "
                                + "finishes what it performs, and sends the next turn when the backend is back");
                    }
                } catch (BackendRefused e) {
                    LOG.warning(() -> "asking about session " + sessionId + " was refused: " + e.getMessage());
                }
            }
        }

        private void reached() {
            if (unreachableSince >= 0) {
                long seconds = (System.nanoTime() - unreachableSince) / 1_000_000_000L;
                unreachableSince = -1;
                LOG.info(() -> "the backend answers again, after " + seconds + " s");
            }
        }

        /** Stops watching, and waits for the watch to end, so that it cannot end the next conversation. */
        @Override
        public void close() throws InterruptedException {
            watching = false;
            thread.interrupt();
            thread.join();
        }
    }
}
