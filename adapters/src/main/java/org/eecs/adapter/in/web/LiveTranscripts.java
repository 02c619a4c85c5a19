package org.eecs.adapter.in.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.ReviewingCareSessions;
import org.eecs.application.port.out.TurnsRecorded;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.Turn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The clinicians watching sessions live (server-sent events): each recorded turn is sent to those watching its
 * session, each sending opened to the clinician and audited as a read of the transcript; a clinician who may no
 * longer see the session is sent nothing more.
 */
@Component
class LiveTranscripts implements TurnsRecorded, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveTranscripts.class);

    private final ReviewingCareSessions review;
    private final Map<CareSessionId, List<Watcher>> watchers = new ConcurrentHashMap<>();
    private volatile boolean running;

    LiveTranscripts(ReviewingCareSessions review) {
        this.review = review;
    }

    private record Watcher(Caller clinician, SseEmitter events) {
    }

    /** From now on, the session's turns go to this clinician's stream too. */
    void watch(CareSessionId session, Caller clinician, SseEmitter events) {
        Watcher watcher = new Watcher(clinician, events);
        watchers.computeIfAbsent(session, id -> new CopyOnWriteArrayList<>()).add(watcher);
        Runnable forget = () -> forget(session, watcher);
        events.onCompletion(forget);
        events.onTimeout(forget);
        events.onError(failure -> forget.run());
    }

    @Override
    public void recorded(Turn turn) {
        for (Watcher watcher : watchers.getOrDefault(turn.session(), List.of())) {
            try {
                send(watcher.events(), review.liveTurn(watcher.clinician(), turn));
            } catch (NotFound noLonger) {
                watcher.events().complete();
                forget(turn.session(), watcher);
            } catch (IOException | RuntimeException gone) {
                log.debug("a live transcript stream went away: {}", gone.getMessage());
                forget(turn.session(), watcher);
            }
        }
    }

    static void send(SseEmitter events, Turn turn) throws IOException {
        events.send(SseEmitter.event().name("turn").id(turn.id().toString())
                .data(SessionReviewController.view(turn)));
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * On shutdown every stream is ended, before the web server waits for its requests to finish (an open stream
     * would hold it to its timeout); the clinicians' browsers reconnect, to another instance or to this one restarted.
     */
    @Override
    public void stop() {
        running = false;
        watchers.values().forEach(watching -> watching.forEach(watcher -> watcher.events().complete()));
        watchers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void forget(CareSessionId session, Watcher watcher) {
        List<Watcher> watching = watchers.get(session);
        if (watching != null) {
            watching.remove(watcher);
        }
    }
}
