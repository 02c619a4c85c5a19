package org.eecs.adapter.in.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.ReviewingCareSessions;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The clinicians watching sessions live (server-sent events): each recorded turn is sent to those watching its
 * session, each sending opened to the clinician and audited as a read of the transcript; a clinician who may no
 * longer see the session is sent nothing more.
 *
 * <p>A turn may be recorded by any instance and watched on any other, so a recorded turn is announced through the
 * database ({@code NOTIFY} on {@value #CHANNEL}, with the session and the turn), and every instance listens on a
 * connection of its own: the watchers of this instance are the only state kept here, and only this instance needs
 * them. The instance that recorded the turn hears its own notice like the others. The notice is the turn's insert's
 * own (V16's trigger): sent in the turn's unit of work, so it is delivered at its commit, once the turn can be read,
 * and never for a turn rolled back, without a statement of its own at every turn.
 */
@Component
class LiveTranscripts implements SmartLifecycle {

    static final String CHANNEL = "eecs_turn_recorded";
    private static final Logger log = LoggerFactory.getLogger(LiveTranscripts.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT = Duration.ofSeconds(2);

    private final ReviewingCareSessions review;
    private final DataSource dataSource;
    private final Map<CareSessionId, List<Watcher>> watchers = new ConcurrentHashMap<>();
    private volatile Thread listener;

    LiveTranscripts(ReviewingCareSessions review, DataSource dataSource) {
        this.review = review;
        this.dataSource = dataSource;
    }

    /** A clinician's stream, and the turns already given to it: each turn goes to a stream once. */
    private record Watcher(Caller clinician, SseEmitter events, Set<TurnId> given) {

        /** True the first time the turn is asked for: the asker then sends it. */
        boolean takes(TurnId turn) {
            return given.add(turn);
        }
    }

    /**
     * The session's turns so far, then each turn as it is recorded, to this clinician's stream: each turn once. The
     * watcher is in place before the turns so far are read, so a turn committed after that read is announced to it,
     * and one committed before is among them; a turn that is both is sent once.
     */
    void watch(CareSessionId session, Caller clinician, SseEmitter events, Supplier<List<Turn>> sofar)
            throws IOException {
        Watcher watcher = new Watcher(clinician, events, ConcurrentHashMap.newKeySet());
        watchers.computeIfAbsent(session, id -> new CopyOnWriteArrayList<>()).add(watcher);
        Runnable forget = () -> forget(session, watcher);
        events.onCompletion(forget);
        events.onTimeout(forget);
        events.onError(failure -> forget.run());
        List<Turn> turns;
        try {
            turns = sofar.get();
        } catch (RuntimeException refused) { // e.g. not the clinician's session: nothing was sent
            forget.run();
            throw refused;
        }
        for (Turn turn : turns) {
            if (watcher.takes(turn.id())) {
                send(events, turn);
            }
        }
    }

    /** A turn recorded by some instance: sent to this instance's watchers of its session. */
    void noticed(CareSessionId session, TurnId turn) {
        for (Watcher watcher : watchers.getOrDefault(session, List.of())) {
            if (!watcher.takes(turn)) {
                continue; // sent among the turns so far
            }
            deliver(session, watcher, () -> send(watcher.events(),
                    review.liveTurn(watcher.clinician(), session, turn)));
        }
    }

    /** What is sent to one watcher; it may find the session no longer theirs, or the stream gone. */
    private interface Delivery {
        void send() throws IOException;
    }

    /** A watcher who may no longer see the session is ended; one whose stream went away is forgotten. */
    private void deliver(CareSessionId session, Watcher watcher, Delivery delivery) {
        try {
            delivery.send();
        } catch (NotFound noLonger) {
            watcher.events().complete();
            forget(session, watcher);
        } catch (IOException | RuntimeException gone) {
            log.debug("a live transcript stream went away: {}", gone.getMessage());
            forget(session, watcher);
        }
    }

    private static void send(SseEmitter events, Turn turn) throws IOException {
        events.send(SseEmitter.event().name("turn").id(turn.id().toString())
                .data(SessionReviewController.view(turn)));
    }

    private void forget(CareSessionId session, Watcher watcher) {
        List<Watcher> watching = watchers.get(session);
        if (watching != null) {
            watching.remove(watcher);
        }
    }

    /**
     * Listens for the notices of all instances, reconnecting after the database went away. A notice sent while
     * nobody listened is lost (PostgreSQL keeps none for a listener to come), so once listening again each watcher is
     * sent the turns of its session it has not been given: recorded while the listener was away.
     */
    private void listen() {
        boolean first = true;
        while (!Thread.currentThread().isInterrupted()) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("listen " + CHANNEL);
                if (!first) {
                    catchUp();
                }
                first = false;
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (!Thread.currentThread().isInterrupted()) {
                    PGNotification[] received = notices.getNotifications((int) POLL.toMillis());
                    for (PGNotification notice : received == null ? new PGNotification[0] : received) {
                        dispatch(notice.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException lost) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                log.warn("live transcripts stopped listening ({}); listening again in {}", lost.getMessage(),
                        RECONNECT);
                try {
                    Thread.sleep(RECONNECT);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** Each watcher's turns it has not been given, after the listener was away. */
    void catchUp() {
        watchers.forEach((session, watching) -> {
            for (Watcher watcher : watching) {
                deliver(session, watcher, () -> {
                    for (Turn turn : review.transcript(watcher.clinician(), session)) {
                        if (watcher.takes(turn.id())) {
                            send(watcher.events(), turn);
                        }
                    }
                });
            }
        });
    }

    private void dispatch(String notice) {
        String[] ids = notice.split(" ");
        try {
            CareSessionId session = CareSessionId.of(ids[0]);
            if (watchers.containsKey(session)) {
                noticed(session, TurnId.of(ids[1]));
            }
        } catch (RuntimeException malformed) {
            log.warn("a turn notice that is not \"<session> <turn>\" was ignored");
        }
    }

    @Override
    public void start() {
        listener = Thread.ofPlatform().daemon().name("live-transcripts").start(this::listen);
    }

    /**
     * On shutdown the listening ends and every stream is ended, before the web server waits for its requests to finish
     * (an open stream would hold it to its timeout); the clinicians' browsers reconnect, to another instance or to this
     * one restarted.
     */
    @Override
    public void stop() {
        Thread running = listener;
        listener = null;
        if (running != null) {
            running.interrupt();
        }
        watchers.values().forEach(watching -> watching.forEach(watcher -> watcher.events().complete()));
        watchers.clear();
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
