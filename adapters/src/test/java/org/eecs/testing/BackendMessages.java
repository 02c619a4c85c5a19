package org.eecs.testing;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A robot's end of a WebSocket to the backend, as tests and the load driver hold it: it collects each whole text
 * message the backend says (a message may arrive in several pieces) and how the connection closed. Subclasses add
 * what their robot sends.
 */
public class BackendMessages implements WebSocket.Listener {

    private final BlockingQueue<String> said = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    /** The close code the backend sent, or the connection's error. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();

    /** The backend's next whole message; fails when it says nothing within the given time. */
    public String next(Duration within) throws InterruptedException {
        String message = said.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("the backend said nothing within " + within);
        }
        return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            said.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
