package org.eecs.benchmarks;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load robot's reading of the backend's answers (docs/robot-protocol.md), cheaply: the robot needs only the turn's
 * id, so the 200 KB answer is not kept, turned into a string or parsed as JSON. The instant its last byte came in is
 * taken as it comes in, before anything else is done with it.
 */
final class TurnAnswers {

    private TurnAnswers() {
    }

    /** An HTTP turn's answer: its status, the turn's id (200) or the problem's text, when its last byte was in. */
    record Answer(int status, String turnId, String problem, long lastByteNanos) {
    }

    /** Reads an HTTP turn's answer: a 200's bytes are scanned for {@code "turnId"} as they arrive, then dropped. */
    static HttpResponse.BodyHandler<Answer> overHttp() {
        return info -> info.statusCode() == 200 ? new TurnIdScan()
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                        problem -> new Answer(info.statusCode(), null, problem, System.nanoTime()));
    }

    /** Finds the string value of the first {@code "turnId"} member in the bytes as they stream past. */
    private static final class TurnIdScan implements HttpResponse.BodySubscriber<Answer> {
        private static final byte[] NAME = "\"turnId\"".getBytes(StandardCharsets.US_ASCII);

        private final CompletableFuture<Answer> answer = new CompletableFuture<>();
        private final StringBuilder value = new StringBuilder(40);
        /** matched bytes of NAME; then NAME.length while before the value's quote, NAME.length + 1 inside it */
        private int state;
        private boolean found;

        @Override
        public CompletionStage<Answer> getBody() {
            return answer;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                for (int i = buffer.position(); !found && i < buffer.limit(); i++) {
                    scan(buffer.get(i));
                }
            }
        }

        private void scan(byte b) {
            if (state < NAME.length) {
                state = b == NAME[state] ? state + 1 : b == '"' ? 1 : 0;
            } else if (state == NAME.length) {
                if (b == '"') {
                    state++;
                } else if (b != ':' && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    state = 0; // not a string value after all
                }
            } else if (b == '"') {
                found = true;
            } else {
                value.append((char) b); // an id is ASCII
            }
        }

        @Override
        public void onError(Throwable failure) {
            answer.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            long lastByte = System.nanoTime();
            answer.complete(found ? new Answer(200, value.toString(), null, lastByte)
                    : new Answer(200, null, "an answer without a turnId", lastByte));
        }
    }

    /** One whole message of the turn stream: its type, the turn's id if it has one, the instant its last piece came. */
    record Said(String type, String turnId, String beginning, long lastPieceNanos) {
    }

    /**
     * A robot's end of the turn stream: each whole text message the backend says, of which only the first 4 KB are
     * kept (type, key and turn id come first; a problem fits), the rest (an answer's plan) dropped as it comes.
     */
    static final class OnStream implements WebSocket.Listener {
        private static final int KEPT = 4096;
        private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
        private static final Pattern TURN = Pattern.compile("\"turnId\"\\s*:\\s*\"([^\"]*)\"");

        private final BlockingQueue<Said> said = new LinkedBlockingQueue<>();
        private final StringBuilder beginning = new StringBuilder(KEPT);

        /** The backend's next whole message; null if it said nothing within the time. */
        Said next(long millis) throws InterruptedException {
            return said.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            int room = KEPT - beginning.length();
            if (room > 0) {
                beginning.append(data, 0, Math.min(room, data.length()));
            }
            if (last) {
                long lastPiece = System.nanoTime();
                said.add(new Said(find(TYPE), find(TURN), beginning.toString(), lastPiece));
                beginning.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private String find(Pattern member) {
            Matcher found = member.matcher(beginning);
            return found.find() ? found.group(1) : null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            said.add(new Said("closed", null, statusCode + " " + reason, System.nanoTime()));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            said.add(new Said("closed", null, String.valueOf(error), System.nanoTime()));
        }
    }
}
