package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.NotFound;
import org.eecs.application.port.in.ReviewingCareSessions;
import org.eecs.domain.audit.Role;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.Turn;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/sessions/{session}")
@Tag(name = "Session review", description = "Transcript, review notes and care-experience rating of a session")
class SessionReviewController {

    /** A live view stays open this long at most; the clinician's page opens another. */
    private static final long LIVE_FOR_MILLIS = 30 * 60 * 1000L;

    private final ReviewingCareSessions review;
    private final Callers callers;
    private final LiveTranscripts live;

    SessionReviewController(ReviewingCareSessions review, Callers callers, LiveTranscripts live) {
        this.review = review;
        this.callers = callers;
        this.live = live;
    }

    @GetMapping("/transcript")
    @Operation(summary = "The turns in order: what the patient said and showed, and how the robot answered")
    TranscriptJson transcript(@PathVariable CareSessionId session) {
        return new TranscriptJson(session.toString(), review.transcript(callers.as(Role.CLINICIAN), session).stream()
                .map(SessionReviewController::view).toList());
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The transcript live: the turns so far, then each turn as it is recorded (server-sent "
            + "events named \"turn\", each the transcript's turn, its id the event's id)")
    SseEmitter live(@PathVariable CareSessionId session) throws IOException {
        Caller clinician = callers.as(Role.CLINICIAN);
        SseEmitter events = new SseEmitter(LIVE_FOR_MILLIS);
        live.watch(session, clinician, events, () -> review.transcript(clinician, session));
        return events;
    }

    @PostMapping("/notes")
    @Operation(summary = "Add a review note")
    ResponseEntity<NoteJson> addNote(@PathVariable CareSessionId session, @Valid @RequestBody NewNote body) {
        ReviewNote note = review.addNote(callers.as(Role.CLINICIAN), session, body.text());
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + session + "/notes")).body(view(note));
    }

    @GetMapping("/notes")
    @Operation(summary = "The review notes, oldest first")
    List<NoteJson> notes(@PathVariable CareSessionId session) {
        return review.notes(callers.as(Role.CLINICIAN), session).stream().map(SessionReviewController::view).toList();
    }

    @PutMapping("/rating")
    @Operation(summary = "Record the patient's care-experience rating (Likert 1-5) of an ended session")
    RatingJson rate(@PathVariable CareSessionId session, @Valid @RequestBody NewRating body) {
        return view(review.rate(callers.as(Role.CLINICIAN), session, body.score(), body.comment()));
    }

    @GetMapping("/rating")
    @Operation(summary = "The patient's care-experience rating")
    RatingJson rating(@PathVariable CareSessionId session) {
        return review.rating(callers.as(Role.CLINICIAN), session).map(SessionReviewController::view)
                .orElseThrow(() -> new NotRated(session));
    }

    static TurnJson view(Turn turn) {
        Map<Stage, Double> latencies = new LinkedHashMap<>();
        turn.latencies().byStage().forEach((stage, latency) -> latencies.put(stage, latency.toNanos() / 1e6));
        return new TurnJson(turn.id().toString(), turn.sequence(), turn.at(), turn.utterance(),
                turn.observations().stream().map(SessionReviewController::view).toList(),
                new ResponseJson(turn.response().text(), turn.response().tone(), turn.response().face(),
                        turn.response().motion()),
                turn.emotionWithheld(), latencies,
                new AnsweredByJson(turn.answeredBy().kind(), turn.answeredBy().name(),
                        turn.answeredBy().templateVersion(), turn.answeredBy().fallbackReason().orElse(null)),
                turn.escalation().map(Object::toString).orElse(null),
                turn.interruption().map(interruption -> new InterruptionJson(interruption.reportedAt(),
                        interruption.heardAfter().toMillis())).orElse(null));
    }

    private static ObservationJson view(EmotionObservation observation) {
        return new ObservationJson(observation.modality(), observation.distribution().probabilities(),
                observation.distribution().dominant(), observation.confidence(), observation.model().name(),
                observation.model().version(), observation.window().start(), observation.window().end());
    }

    private static NoteJson view(ReviewNote note) {
        return new NoteJson(note.id().toString(), note.author().value(), note.writtenAt(), note.text());
    }

    private static RatingJson view(CareExperienceRating rating) {
        return new RatingJson(rating.score().value(), rating.score().label(), rating.ratedAt(), rating.comment());
    }

    record TranscriptJson(String session, List<TurnJson> turns) {
    }

    /**
     * @param answeredBy   the reasoner, its prompt template (or file) version, and why the language model did not answer
     * @param escalationId the escalation raised by crisis language in this turn; null if none
     * @param interrupted  when the patient spoke over the answer, and how far into it; null if they did not
     */
    record TurnJson(String id, int sequence, Instant at, String utterance, List<ObservationJson> observations,
                    ResponseJson response, boolean emotionWithheld, Map<Stage, Double> latencyMillis,
                    AnsweredByJson answeredBy, String escalationId, InterruptionJson interrupted) {
    }

    record AnsweredByJson(AnsweredBy.Kind kind, String name, String templateVersion, String fallbackReason) {
    }

    record InterruptionJson(Instant reportedAt, long heardAfterMs) {
    }

    record ObservationJson(Modality modality, Map<String, Double> distribution, String dominant, double confidence,
                           String model, String modelVersion, Instant from, Instant to) {
    }

    record ResponseJson(String text, Tone tone, FacialExpression face, Motion motion) {
    }

    record NewNote(@NotBlank @Size(max = ReviewNote.MAX_TEXT_LENGTH) String text) {
    }

    record NoteJson(String id, String author, Instant writtenAt, String text) {
    }

    record NewRating(@NotNull Integer score, @Size(max = 2000) String comment) {
    }

    record RatingJson(int score, String label, Instant ratedAt, String comment) {
    }

    static final class NotRated extends NotFound {
        NotRated(CareSessionId session) {
            super("session " + session + " has not been rated");
        }
    }
}
