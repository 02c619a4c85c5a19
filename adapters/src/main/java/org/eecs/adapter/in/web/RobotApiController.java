package org.eecs.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.ConversingWithPatients.Heard;
import org.eecs.application.port.in.ConversingWithPatients.RobotSessions;
import org.eecs.application.port.in.ConversingWithPatients.TakeTurn;
import org.eecs.application.port.in.ConversingWithPatients.TurnAnswer;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.audit.Role;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The robot's side of a care session (docs/robot-protocol.md): its sessions, its turns, and barge-in. */
@RestController
@RequestMapping("/api/v1/robot/sessions")
@Tag(name = "Robot", description = "For robots: their sessions and the turns of the conversation with the patient")
class RobotApiController {

    private final ConversingWithPatients conversation;
    private final Callers callers;
    private final TurnParts turnParts;

    RobotApiController(ConversingWithPatients conversation, Callers callers, TurnParts turnParts) {
        this.conversation = conversation;
        this.callers = callers;
        this.turnParts = turnParts;
    }

    @GetMapping
    @Operation(summary = "My session in progress and my next scheduled one")
    SessionsJson sessions() {
        RobotSessions sessions = conversation.sessionsOf(callers.as(Role.ROBOT));
        return new SessionsJson(sessions.current().map(current -> SessionJson.of(current, sessions.audioConsent()))
                .orElse(null), sessions.next().map(next -> SessionJson.of(next, null)).orElse(null));
    }

    @PostMapping(path = "/{session}/turns", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "A turn: the utterance as WAV and the frames taken while it was spoken; answers the care "
            + "response and its performance plan")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(type = "object", requiredProperties = {"audio", "utterance"}),
            schemaProperties = {
                @SchemaProperty(name = "utterance", schema = @Schema(implementation = UtteranceJson.class)),
                @SchemaProperty(name = "audio", schema = @Schema(type = "string", format = "binary")),
                @SchemaProperty(name = "frame", array = @ArraySchema(schema = @Schema(type = "string",
                        format = "binary")))}))
    TurnAnswerJson turn(@PathVariable CareSessionId session, HttpServletRequest request) throws Exception {
        TurnParts.Turn parts = turnParts.read(request); // not @RequestPart arguments: see TurnParts for why
        return TurnAnswerJson.of(AnsweredTurns.mark(request, conversation.take(recorded(callers.as(Role.ROBOT),
                session, parts.utterance(), parts.audio(), parts.frames()).underKey(AnsweredTurns.retryKeyOf(request)))));
    }

    /** A turn's parts are one utterance, one audio and its frames: another part is refused, not ignored. */
    static void onlyTurnParts(MultiValueMap<String, ?> parts) {
        parts.forEach((name, named) -> {
            if (!name.equals("utterance") && !name.equals("audio") && !name.equals("frame")) {
                throw new InvalidRequest("a turn's parts are utterance, audio and frame; unexpected part \"" + name
                        + "\"");
            }
            if (!name.equals("frame") && named.size() > 1) {
                throw new InvalidRequest("a turn has one " + name + " part, got " + named.size());
            }
        });
    }

    /** The turn the parts of a multipart request describe, or why they describe none ({@link InvalidRequest}). */
    static TakeTurn recorded(Caller robot, CareSessionId session, UtteranceJson utterance, byte[] audio,
                             List<byte[]> frames) {
        List<Instant> capturedAt = utterance.frameCapturedAt() == null ? List.of() : utterance.frameCapturedAt();
        if (frames.size() > ConversingWithPatients.MAX_FRAMES) {
            throw new InvalidRequest("a turn takes at most " + ConversingWithPatients.MAX_FRAMES + " frames, got "
                    + frames.size());
        }
        if (capturedAt.size() != frames.size()) {
            throw new InvalidRequest("frameCapturedAt must give one capture time per frame part: " + capturedAt.size()
                    + " times for " + frames.size() + " frames");
        }
        List<VideoClip.Frame> clip = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            clip.add(new VideoClip.Frame(capturedAt.get(i), frames.get(i)));
        }
        return new TakeTurn(robot, session, new Heard.Recorded(new SpeechAudio(audio), new VideoClip(clip)),
                utterance.startedAt(), utterance.endedAt(), Boolean.TRUE.equals(utterance.withholdEmotion()));
    }

    @PostMapping(path = "/{session}/text-turns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A turn from the words the robot's own speech recognition heard")
    TurnAnswerJson textTurn(@PathVariable CareSessionId session, @Valid @RequestBody TextTurnJson body,
                            HttpServletRequest request) {
        return TurnAnswerJson.of(AnsweredTurns.mark(request, conversation.take(new TakeTurn(callers.as(Role.ROBOT),
                session, new Heard.Words(body.text()), body.startedAt(), body.endedAt(),
                Boolean.TRUE.equals(body.withholdEmotion()), AnsweredTurns.retryKeyOf(request)))));
    }

    @PostMapping("/{session}/turns/{turn}/barge-in")
    @Operation(summary = "The patient spoke over the answer to this turn")
    ResponseEntity<Void> bargeIn(@PathVariable CareSessionId session, @PathVariable TurnId turn,
                                 @Valid @RequestBody BargeInJson body) {
        conversation.bargeIn(callers.as(Role.ROBOT), session, turn, Duration.ofMillis(body.heardAfterMs()));
        return ResponseEntity.noContent().build();
    }

    record SessionsJson(SessionJson current, SessionJson next) {
    }

    /** @param audioConsent the current session's only: whether the patient consents to audio capture now */
    record SessionJson(String id, SessionState state, Instant start, Instant end, boolean emotionInput,
                       Instant startedAt, Instant endedAt, String endReason,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean audioConsent) {
        static SessionJson of(CareSession session, Boolean audioConsent) {
            return new SessionJson(session.id().toString(), session.state(), session.window().start(),
                    session.window().end(), session.emotionInput(), session.startedAt(), session.endedAt(),
                    session.endReason(), audioConsent);
        }
    }

    /**
     * A turn's utterance part. {@link TurnParts#valid} checks these constraints in code for the utterances robots
     * send: the two are kept as one ({@code TurnPartsTest}).
     *
     * @param frameCapturedAt the capture time of each frame part, in order
     * @param withholdEmotion answer this turn without the emotion input
     */
    record UtteranceJson(@NotNull Instant startedAt, @NotNull Instant endedAt,
                         @Size(max = ConversingWithPatients.MAX_FRAMES) List<@NotNull Instant> frameCapturedAt,
                         Boolean withholdEmotion) {
    }

    record TextTurnJson(@NotBlank @Size(max = Turn.MAX_UTTERANCE_LENGTH) String text, @NotNull Instant startedAt,
                        @NotNull Instant endedAt, Boolean withholdEmotion) {
    }

    record BargeInJson(@NotNull @PositiveOrZero Long heardAfterMs) {
    }

    /** The answer to a turn; the robot performs {@code plan}. */
    record TurnAnswerJson(String turnId, int sequence, String heard, PerformancePlanJson.ResponseJson response,
                          PerformancePlanJson plan) {
        static TurnAnswerJson of(TurnAnswer answer) {
            return new TurnAnswerJson(answer.turn().id().toString(), answer.turn().sequence(),
                    answer.turn().utterance(), PerformancePlanJson.ResponseJson.of(answer.turn().response()),
                    PerformancePlanJson.of(answer.plan()));
        }
    }
}
