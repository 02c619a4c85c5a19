package org.eecs.adapter.in.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ConversingWithPatients;
import org.eecs.application.port.out.TranscribeSpeech.UnreadableAudio;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.TurnId;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any sequence of frames on a streamed turn's connection (text messages of any content, binary messages of any tag and
 * length, in any order): each is taken, or answered by a {@code problem} message; no exception escapes the handler
 * (the container would close the connection with an error), and everything sent back is a JSON message with a type.
 */
class TurnStreamFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Caller ROBOT = new Caller(new Actor("robot-fuzz", Role.ROBOT), null, null, null);

    @FuzzTest(maxDuration = "3m")
    void anyFrames_areTakenOrAnsweredWithAProblem(FuzzedDataProvider data) throws Exception {
        TurnStream stream = new TurnStream(new Listening(), new Keys(),
                new AnsweredTurns(new Listening(), JSON), new TurnStreamProblems(null), JSON);
        Connection connection = new Connection();
        int frames = data.consumeInt(1, 12);
        for (int i = 0; i < frames && connection.isOpen(); i++) {
            WebSocketMessage<?> message = switch (data.consumeInt(0, 3)) {
                case 0 -> new TextMessage("{\"type\": \"start\", \"key\": \"" + data.consumeString(8)
                        + "\", \"startedAt\": \"2026-11-25T09:00:00Z\"}");
                case 1 -> new TextMessage(data.consumeString(200));
                case 2 -> new BinaryMessage(new byte[] {(byte) data.consumeInt(0, 3)});
                default -> new BinaryMessage(data.consumeBytes(300));
            };
            stream.handleMessage(connection, message);
        }
        stream.afterConnectionClosed(connection, CloseStatus.NORMAL);
        for (String sent : connection.sent) {
            JsonNode said = JSON.readTree(sent);
            if (!said.isObject() || !said.path("type").isString()) {
                throw new AssertionError("not a message of the protocol: " + sent);
            }
        }
    }

    /** The use case, as far as the connection sees it: a turn opens, hears even numbers of bytes, and never ends. */
    private static final class Listening implements ConversingWithPatients {
        @Override
        public RobotSessions sessionsOf(Caller robot) {
            return new RobotSessions(Optional.empty(), Optional.empty(), false);
        }

        @Override
        public CareSession runningSession(Caller robot, CareSessionId session) {
            throw new UnsupportedOperationException("checked at the handshake");
        }

        @Override
        public TurnAnswer take(TakeTurn turn) {
            throw new UnsupportedOperationException("not streamed");
        }

        @Override
        public StreamedTurn open(OpenTurn turn) {
            return new StreamedTurn() {
                @Override
                public void hear(byte[] pcm) {
                    if (pcm.length % 2 != 0) {
                        throw new UnreadableAudio("16-bit samples come in pairs of bytes");
                    }
                }

                @Override
                public void see(VideoClip.Frame frame) {
                }

                @Override
                public TurnAnswer finish(java.time.Instant endedAt) {
                    throw new InvalidRequest("no models in this test");
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public TurnAnswer answerAgain(Caller robot, TurnId turn) {
            throw new UnsupportedOperationException("no turn is ever answered here");
        }

        @Override
        public void bargeIn(Caller robot, CareSessionId session, TurnId turn, Duration heardAfter) {
        }
    }

    /** Keys claimed once, in memory. */
    private static final class Keys extends IdempotentRequests {
        private final Map<String, Remembered> claimed = new HashMap<>();

        Keys() {
            super(null, Duration.ofHours(24));
        }

        @Override
        Optional<Remembered> claim(String caller, String key, String method, String path, String requestHash) {
            Remembered before = claimed.putIfAbsent(key, new Remembered(requestHash, null, null, null, null, null));
            return Optional.ofNullable(before);
        }

        @Override
        void answer(String caller, String key, int status, String contentType, String location, byte[] body) {
            claimed.put(key, new Remembered("", status, contentType, location, body, null));
        }

        @Override
        void release(String caller, String key) {
            claimed.remove(key);
        }
    }

    /** A robot's connection: what the handler sends is kept. */
    private static final class Connection implements NativeWebSocketSession {
        private final Map<String, Object> attributes = new HashMap<>(Map.of(TurnStreamHandshake.CALLER, ROBOT,
                TurnStreamHandshake.SESSION, CareSessionId.of("7d1c2c36-1d0e-4a34-9e0a-5b3f1a9c2e11")));
        private final List<String> sent = new ArrayList<>();
        private boolean open = true;

        @Override
        public String getId() {
            return "fuzz";
        }

        @Override
        public URI getUri() {
            return URI.create("ws://127.0.0.1/api/v1/robot/sessions/7d1c2c36-1d0e-4a34-9e0a-5b3f1a9c2e11/turn-stream");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return TurnStreamConfiguration.MAX_TEXT_MESSAGE;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return TurnStreamConfiguration.MAX_BINARY_MESSAGE;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            throw new AssertionError("the backend writes its text messages through the container's writer, got a "
                    + message.getClass().getSimpleName());
        }

        /** The container's side as far as the handler uses it: a text message's writer, sent when it is closed. */
        @Override
        public Object getNativeSession() {
            return Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                    (session, method, args) -> {
                        if (!method.getName().equals("getBasicRemote")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        return Proxy.newProxyInstance(RemoteEndpoint.Basic.class.getClassLoader(),
                                new Class<?>[] {RemoteEndpoint.Basic.class}, (remote, call, callArgs) -> {
                                    if (!call.getName().equals("getSendWriter")) {
                                        throw new UnsupportedOperationException(call.getName());
                                    }
                                    return new TextWriter();
                                });
                    });
        }

        @Override
        public <T> T getNativeSession(Class<T> requiredType) {
            return requiredType.cast(getNativeSession());
        }

        /** One text message, written in pieces and sent whole when it is closed (once). */
        private final class TextWriter extends StringWriter {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                if (!open) {
                    throw new IllegalStateException("sent on a closed connection");
                }
                sent.add(toString());
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public void close(CloseStatus status) {
            open = false;
        }
    }
}
