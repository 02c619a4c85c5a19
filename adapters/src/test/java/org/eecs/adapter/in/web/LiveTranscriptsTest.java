package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.ReviewingCareSessions;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The clinicians' live view of a session: each turn reaches a watching clinician once, and none before it may. */
class LiveTranscriptsTest {

    private static final CareSessionId SESSION = CareSessionId.of("7d1c2c36-1d0e-4a34-9e0a-5b3f1a9c2e11");
    private static final Caller CLINICIAN = new Caller(new Actor("dr-live", Role.CLINICIAN), null, null, null);

    private final Turn first = turn(1, "Good morning.");
    private final Turn second = turn(2, "I slept badly.");
    private final Review review = new Review();
    private final LiveTranscripts live = new LiveTranscripts(review, null);

    @Test
    void aTurnAnnouncedWhileTheTurnsSoFarAreRead_isSentOnce() throws IOException {
        Stream events = new Stream();

        // the first turn's notice arrives just after the clinician began watching, though it is among the turns so far
        live.watch(SESSION, CLINICIAN, events, () -> List.of(first));
        live.noticed(SESSION, first.id());
        live.noticed(SESSION, second.id());

        assertThat(events.sentIds).containsExactly(first.id().toString(), second.id().toString());
    }

    @Test
    void aTurnRecordedWhileTheListenerWasAway_isSentOnceItListensAgain_andNoTurnTwice() throws IOException {
        Stream events = new Stream();
        live.watch(SESSION, CLINICIAN, events, () -> List.of(first));

        // the second turn's notice was sent while the database connection was lost: nobody heard it
        live.catchUp();
        live.catchUp();

        assertThat(events.sentIds).containsExactly(first.id().toString(), second.id().toString());
    }

    @Test
    void aClinicianWhoMayNotSeeTheSession_isSentNothing_andNotKeptAsAWatcher() {
        Stream events = new Stream();

        assertThatThrownBy(() -> live.watch(SESSION, CLINICIAN, events, () -> {
            throw new UnknownCareSession(SESSION);
        })).isInstanceOf(NotFound.class);
        live.noticed(SESSION, second.id());

        assertThat(events.sentIds).isEmpty();
        assertThat(review.opened).isEmpty();
    }

    /** A clinician's stream; what is sent to it is kept by event id. */
    private static final class Stream extends SseEmitter {
        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("(?m)^id:(\\S+)$");
        final List<String> sentIds = new ArrayList<>();

        @Override
        public void send(SseEventBuilder event) {
            event.build().stream().map(part -> String.valueOf(part.getData()))
                    .map(ID::matcher).filter(java.util.regex.Matcher::find).findFirst()
                    .ifPresent(id -> sentIds.add(id.group(1)));
        }
    }

    /** The session's turns, each opened to the clinician on request. */
    private final class Review implements ReviewingCareSessions {
        final List<TurnId> opened = new ArrayList<>();

        @Override
        public Turn liveTurn(Caller caller, CareSessionId session, TurnId turn) {
            opened.add(turn);
            return turn.equals(first.id()) ? first : second;
        }

        @Override
        public List<Turn> transcript(Caller caller, CareSessionId session) {
            return List.of(first, second);
        }

        @Override
        public org.eecs.domain.review.ReviewNote addNote(Caller caller, CareSessionId session, String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.eecs.domain.review.ReviewNote> notes(Caller caller, CareSessionId session) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.eecs.domain.rating.CareExperienceRating rate(Caller caller, CareSessionId session, int score,
                                                                 String comment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<org.eecs.domain.rating.CareExperienceRating> rating(Caller caller, CareSessionId session) {
            throw new UnsupportedOperationException();
        }
    }

    private static Turn turn(int sequence, String said) {
        return new Turn(TurnId.newId(), SESSION, sequence, Instant.parse("2026-12-02T09:00:00Z").plusSeconds(sequence),
                said, List.of(), new CareResponse("I am here.", Tone.CALM, FacialExpression.WARM_GAZE, Motion.NOD),
                false, StageLatencies.none(),
                new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                Optional.empty(), Optional.empty());
    }
}
