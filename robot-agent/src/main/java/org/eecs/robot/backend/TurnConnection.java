package org.eecs.robot.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One WebSocket to a session's turn stream (docs/robot-protocol.md): messages go out one at a time, each sent
 * before the next, and what the backend says is queued, whole, for {@link #next}. Once the connection is closed
 * (by either side, or lost) every further call says so with {@link BackendUnreachable}.
 */
final class TurnConnection implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = Logger.getLogger(TurnConnection.class.getName());

    /** The connection ended: the close code and reason, or the failure. */
    private record Closed(String why) {
    }

    private final String sessionId;
    private final Duration sendWithin;
    private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile Closed closed;

    private TurnConnection(String sessionId, Duration sendWithin) {
        this.sessionId = sessionId;
        this.sendWithin = sendWithin;
    }

    /**
     * Opens the connection with the robot's token on the upgrade request, waiting at most {@code within} for the
     * backend to answer it (a backend that accepts the connection but never answers, overloaded or half-dead, would
     * otherwise hold the robot for ever: the JDK bounds only the TCP connect).
     *
     * @throws java.util.concurrent.CompletionException with a {@link java.net.http.WebSocketHandshakeException}
     *         when the backend refused the upgrade, or an {@link java.io.IOException} when it could not be reached
     * @throws BackendUnreachable when the upgrade was not answered within {@code within}
     */
    static TurnConnection open(HttpClient http, URI uri, String sessionId, String token, Duration within) {
        TurnConnection connection = new TurnConnection(sessionId, within);
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(within).buildAsync(uri, connection);
        try {
            connection.socket = opening.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            opening.cancel(true);
            opening.thenAccept(WebSocket::abort); // should it open after all, nobody is there to use it
            throw notAnswered(uri, within);
        } catch (ExecutionException e) {
            // the JDK's own timer on the opening handshake may go off before ours: the same unanswered upgrade
            if (e.getCause() instanceof HttpTimeoutException && !(e.getCause() instanceof HttpConnectTimeoutException)) {
                throw notAnswered(uri, within);
            }
            throw new java.util.concurrent.CompletionException(e.getCause());
        } catch (InterruptedException e) {
            opening.cancel(true);
            Thread.currentThread().interrupt();
            throw new BackendUnreachable("interrupted while opening the turn stream", e);
        }
        return connection;
    }

    private static BackendUnreachable notAnswered(URI uri, Duration within) {
        return new BackendUnreachable("the backend did not answer the turn stream's upgrade at " + uri + " within "
                + within.toMillis() + " ms");
    }

    String sessionId() {
        return sessionId;
    }

    boolean isOpen() {
        return closed == null && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    void send(JsonNode message) {
        sent(socket.sendText(JSON.writeValueAsString(message), true), "a message");
    }

    void send(ByteBuffer message) {
        sent(socket.sendBinary(message, true), "audio or a frame");
    }

    /** The backend's next message, waiting at most {@code within}; null if it said nothing. */
    JsonNode next(Duration within) throws InterruptedException {
        Object message = heard.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        if (message == null) {
            return null;
        }
        if (message instanceof Closed why) {
            heard.add(why); // and for every later call
            throw new BackendUnreachable("the turn stream closed: " + why.why());
        }
        return (JsonNode) message;
    }

    @Override
    public void close() {
        if (closed == null) {
            ended("closed by the robot");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((done, failed) -> socket.abort());
        }
    }

    private void sent(CompletableFuture<WebSocket> sending, String what) {
        if (closed != null) {
            throw new BackendUnreachable("the turn stream is closed: " + closed.why());
        }
        try {
            sending.get(sendWithin.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            ended("sending " + what + " failed: " + cause);
            throw new BackendUnreachable("the turn stream broke while sending " + what + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnreachable("interrupted while sending " + what + " on the turn stream", e);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                heard.add(JSON.readTree(partial.toString()));
            } catch (JacksonException e) {
                ended("the backend sent a message that is not JSON: " + e.getOriginalMessage());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1); // the backend sends none; nothing to do with one
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended("closed by the backend with " + statusCode + (reason.isEmpty() ? "" : " (" + reason + ")"));
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended("lost: " + error);
    }

    private void ended(String why) {
        if (closed == null) {
            closed = new Closed(why);
            if (!why.equals("closed by the robot")) {
                // the operator's first sign of a backend gone or a network down; an answer being performed goes on
                LOG.warning(() -> "the turn stream of session " + sessionId + ": " + why + "; it is opened again "
                        + "at the next turn");
            }
        }
        heard.add(closed);
    }
}
