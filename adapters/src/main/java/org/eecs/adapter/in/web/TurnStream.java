package org.eecs.adapter.in.web;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.in.ConversingWithPatients.OpenTurn;
import org.eecs.application.port.in.ConversingWithPatients.StreamedTurn;
import org.eecs.application.port.in.ConversingWithPatients.TurnAnswer;
import org.eecs.application.port.in.SessionNotInProgress;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.TurnId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streamed care turn (docs/robot-protocol.md): between the robot's {@code start} and {@code end}, audio pieces
 * and frames go to the recognisers as they arrive; {@code end} leaves only the tail of the turn. A turn's key works
 * as an {@code Idempotency-Key}: it is claimed at {@code start}, answered by the turn in its own record (the robot's
 * {@link RetryKey}), and the answer to a key already answered is sent again (prepared again from the turn's record,
 * {@link AnsweredTurns}), the turn taken once.
 * The container delivers one connection's messages one at a time, so a connection's state needs no locking.
 */
@Component
class TurnStream extends AbstractWebSocketHandler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TurnStream.class);
    private static final String OPEN = "eecs.open-turn";
    private static final byte AUDIO = 0x01;
    private static final byte FRAME = 0x02;
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String METHOD = "WS";

    private final ConversingWithPatients conversation;
    private final IdempotentRequests keys;
    private final AnsweredTurns answered;
    private final TurnStreamProblems problems;
    private final JsonMapper json;
    private final Set<WebSocketSession> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    TurnStream(ConversingWithPatients conversation, IdempotentRequests keys, AnsweredTurns answered,
               TurnStreamProblems problems, JsonMapper json) {
        this.conversation = conversation;
        this.keys = keys;
        this.answered = answered;
        this.problems = problems;
        this.json = json;
    }

    /** The turn open on a connection: streamed to the recognisers, or (a key already answered) to be replayed. */
    private record Open(String key, StreamedTurn turn, IdempotentRequests.Remembered replay) {
    }

    @Override
    protected void handleTextMessage(WebSocketSession connection, TextMessage message) throws IOException {
        JsonNode said;
        try {
            said = json.readTree(message.getPayload());
        } catch (JacksonException malformed) {
            send(connection, problem(null, Problem.MALFORMED_REQUEST.detail("a message must be one JSON object")));
            return;
        }
        String type = said.path("type").asString("");
        try {
            switch (type) {
                case "start" -> start(connection, said);
                case "end" -> end(connection, said);
                case "abandon" -> abandon(connection);
                case "barge-in" -> bargeIn(connection, said);
                default -> send(connection, problem(null, TurnStreamProblems.invalid(
                        "unknown message type \"" + type + "\"; expected start, end, abandon or barge-in")));
            }
        } catch (RuntimeException failure) {
            fail(connection, currentKey(connection), failure);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession connection, BinaryMessage message) throws IOException {
        Open open = (Open) connection.getAttributes().get(OPEN);
        ByteBuffer payload = message.getPayload();
        if (open == null) {
            send(connection, problem(null, TurnStreamProblems.invalid("audio and frames belong to an open turn: "
                    + "send start first")));
            return;
        }
        if (open.replay() != null) {
            return; // answered already: what is streamed again is not heard again
        }
        try {
            byte tag = payload.hasRemaining() ? payload.get() : 0;
            if (tag == AUDIO) {
                byte[] pcm = new byte[payload.remaining()];
                payload.get(pcm);
                open.turn().hear(pcm);
            } else if (tag == FRAME && payload.remaining() >= Long.BYTES) {
                Instant capturedAt = Instant.EPOCH.plus(payload.getLong(), ChronoUnit.MICROS);
                byte[] image = new byte[payload.remaining()];
                payload.get(image);
                open.turn().see(new VideoClip.Frame(capturedAt, image));
            } else {
                send(connection, problem(open.key(), TurnStreamProblems.invalid("a binary message starts with 0x01 "
                        + "(audio) or 0x02 and an 8-byte capture time (a frame)")));
            }
        } catch (RuntimeException failure) {
            closeTurn(connection, true);
            fail(connection, open.key(), failure);
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession connection) {
        connections.add(connection);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession connection, CloseStatus status) {
        connections.remove(connection);
        closeTurn(connection, true);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * On shutdown, before the web server stops and long before the database goes (the highest phase stops first):
     * every open turn is abandoned and its key given back, and every connection closed as a service restart (1012),
     * so that the robot streams its turn again under the same key, to another instance or to this one restarted.
     * Left to the container, the connections closed only after the database had gone, and their keys stayed
     * claimed until they counted as abandoned (5 minutes).
     */
    @Override
    public void stop() {
        running = false;
        for (WebSocketSession connection : connections) {
            closeTurn(connection, true);
            try {
                connection.close(CloseStatus.SERVICE_RESTARTED);
            } catch (IOException | RuntimeException closedAlready) {
                log.debug("a streamed turn's connection could not be closed: {}", closedAlready.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void start(WebSocketSession connection, JsonNode said) throws IOException {
        closeTurn(connection, true);
        String key = said.path("key").asString("");
        if (!KEY.matcher(key).matches()) {
            send(connection, problem(null, TurnStreamProblems.invalid("key must be 1 to 255 visible ASCII characters")));
            return;
        }
        Instant startedAt = instant(said, "startedAt");
        Caller caller = caller(connection);
        Optional<IdempotentRequests.Remembered> remembered = keys.claim(caller.actor().id(), key, METHOD,
                path(connection), sha256(METHOD + " " + path(connection) + " " + key));
        if (remembered.isPresent()) {
            if (remembered.get().inProgress()) {
                send(connection, problem(key, Problem.IDEMPOTENCY_KEY_IN_USE.detail(
                        "the first turn with this key is still being answered; retry shortly")));
                return;
            }
            connection.getAttributes().put(OPEN, new Open(key, null, remembered.get()));
        } else {
            try {
                StreamedTurn turn = conversation.open(new OpenTurn(caller, session(connection), startedAt,
                        said.path("withholdEmotion").asBoolean(false),
                        Optional.of(new RetryKey(caller.actor().id(), key))));
                connection.getAttributes().put(OPEN, new Open(key, turn, null));
            } catch (RuntimeException refused) {
                keys.release(caller.actor().id(), key);
                throw refused;
            }
        }
        send(connection, Map.of("type", "started", "key", key));
    }

    private void end(WebSocketSession connection, JsonNode said) throws IOException {
        Open open = (Open) connection.getAttributes().remove(OPEN);
        if (open == null) {
            send(connection, problem(null, TurnStreamProblems.invalid("end belongs to an open turn: send start first")));
            return;
        }
        Caller caller = caller(connection);
        if (open.replay() != null) {
            IdempotentRequests.Remembered first = open.replay();
            try {
                send(connection, first.turn() == null ? json.readTree(first.body())
                        : answerMessage(open.key(), answered.again(caller, first.turn())));
            } catch (RuntimeException failure) {
                fail(connection, open.key(), failure);
            }
            return;
        }
        try (StreamedTurn turn = open.turn()) {
            TurnAnswer answer = turn.finish(instant(said, "endedAt"));
            // the key was answered in the turn's record: from here a retry under it gets this turn's answer
            send(connection, answerMessage(open.key(), answer));
        } catch (RuntimeException failure) {
            keys.release(caller.actor().id(), open.key()); // gives back only a key no turn answered
            fail(connection, open.key(), failure);
        }
    }

    private Map<String, Object> answerMessage(String key, TurnAnswer answer) {
        RobotApiController.TurnAnswerJson body = RobotApiController.TurnAnswerJson.of(answer);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "answer");
        reply.put("key", key);
        reply.put("turnId", body.turnId());
        reply.put("sequence", body.sequence());
        reply.put("heard", body.heard());
        reply.put("response", body.response());
        reply.put("plan", body.plan());
        return reply;
    }

    private void abandon(WebSocketSession connection) {
        closeTurn(connection, true);
    }

    private void bargeIn(WebSocketSession connection, JsonNode said) throws IOException {
        TurnId turn = TurnId.of(said.path("turnId").asString(""));
        long heardAfter = said.path("heardAfterMs").asLong(-1);
        conversation.bargeIn(caller(connection), session(connection), turn, Duration.ofMillis(heardAfter));
        send(connection, Map.of("type", "barge-in-recorded", "turnId", turn.toString()));
    }

    /** Abandons the open turn, if any, and gives its key back unless it was answered. */
    private void closeTurn(WebSocketSession connection, boolean releaseKey) {
        Open open = (Open) connection.getAttributes().remove(OPEN);
        if (open == null || open.turn() == null) {
            return;
        }
        open.turn().close();
        if (releaseKey) {
            try {
                keys.release(caller(connection).actor().id(), open.key());
            } catch (RuntimeException unreachable) {
                log.warn("the key of an abandoned streamed turn could not be released: {}", unreachable.getMessage());
            }
        }
    }

    private void fail(WebSocketSession connection, String key, RuntimeException failure) throws IOException {
        send(connection, problem(key, problems.of(failure, null)));
        if (failure instanceof SessionNotInProgress) {
            connection.close(CloseStatus.NORMAL.withReason("the session is not in progress"));
        }
    }

    private static Map<String, Object> problem(String key, ProblemDetail problem) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "problem");
        message.put("key", key);
        message.put("problem", problem);
        return message;
    }

    /**
     * A message of the protocol (one JSON object) written as it is serialised, through the container's own writer:
     * an answer is about 200 KB, and made a {@code String} first it was encoded again character by character
     * (the container encodes fast only from its writer's character array).
     */
    private void send(WebSocketSession connection, Object message) throws IOException {
        if (connection.isOpen()) {
            Session session = ((NativeWebSocketSession) connection).getNativeSession(Session.class);
            json.writeValue(session.getBasicRemote().getSendWriter(), message); // closing it ends the message
        }
    }

    private static String currentKey(WebSocketSession connection) {
        Open open = (Open) connection.getAttributes().get(OPEN);
        return open == null ? null : open.key();
    }

    private static Instant instant(JsonNode said, String field) {
        try {
            return Instant.parse(said.path(field).asString(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.eecs.application.port.InvalidRequest(field + " must be an ISO-8601 instant such as "
                    + "2026-11-25T09:00:01.250Z");
        }
    }

    private static Caller caller(WebSocketSession connection) {
        return (Caller) connection.getAttributes().get(TurnStreamHandshake.CALLER);
    }

    private static CareSessionId session(WebSocketSession connection) {
        return (CareSessionId) connection.getAttributes().get(TurnStreamHandshake.SESSION);
    }

    private static String path(WebSocketSession connection) {
        return connection.getUri() == null ? "" : connection.getUri().getPath();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
