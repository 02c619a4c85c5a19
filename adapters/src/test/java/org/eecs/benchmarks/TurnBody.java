package org.eecs.benchmarks;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.eecs.testing.Multipart;

/**
 * A multipart turn's body (docs/robot-protocol.md: the {@code utterance} JSON, the {@code audio} WAV, the
 * {@code frame} JPEGs), built once: the WAV and the frames do not change from turn to turn, only the small
 * {@code utterance} part does. Each turn's body is the same bytes {@link Multipart} would build for the same parts
 * (its boundary, its headers), sent from the three arrays as they are: no 600 KB body assembled a turn.
 */
final class TurnBody {

    private static final String UTTERANCE = "\u0000utterance\u0000";
    /** the constant parts go out in views of at most this many bytes */
    private static final int PIECE = 64 * 1024;

    private final String contentType;
    /** everything up to the utterance's JSON, and everything after it */
    private final byte[] head;
    private final byte[] tail;

    TurnBody(byte[] wav, byte[] frame, int frames) {
        Multipart parts = new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("audio", "u.wav", "audio/wav", wav);
        for (int i = 0; i < frames; i++) {
            parts.part("frame", "f" + i + ".jpg", "image/jpeg", frame);
        }
        byte[] whole = parts.bytes();
        int at = indexOf(whole, UTTERANCE.getBytes(StandardCharsets.UTF_8));
        this.head = java.util.Arrays.copyOfRange(whole, 0, at);
        this.tail = java.util.Arrays.copyOfRange(whole, at + UTTERANCE.length(), whole.length);
        this.contentType = parts.contentType();
    }

    String contentType() {
        return contentType;
    }

    /**
     * The turn's body with this utterance part: a fixed length, so sent with a Content-Length as before. The JDK's
     * own array publishers ({@code ofByteArray}, {@code ofByteArrays}) copy every byte into new 16 KB buffers;
     * these buffers are views of the arrays themselves.
     */
    HttpRequest.BodyPublisher with(String utteranceJson) {
        byte[] utterance = utteranceJson.getBytes(StandardCharsets.UTF_8);
        List<ByteBuffer> views = new ArrayList<>(2 + tail.length / PIECE + 1);
        views.add(ByteBuffer.wrap(head).asReadOnlyBuffer());
        views.add(ByteBuffer.wrap(utterance));
        for (int at = 0; at < tail.length; at += PIECE) {
            views.add(ByteBuffer.wrap(tail, at, Math.min(PIECE, tail.length - at)).slice().asReadOnlyBuffer());
        }
        return HttpRequest.BodyPublishers.fromPublisher(new Views(views),
                head.length + utterance.length + tail.length);
    }

    /** Publishes the given buffers in order, as the subscriber asks for them. */
    private static final class Views implements Flow.Publisher<ByteBuffer> {
        private final List<ByteBuffer> buffers;

        Views(List<ByteBuffer> buffers) {
            this.buffers = buffers;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                private final AtomicLong demand = new AtomicLong();
                /** the next buffer to send; touched only by the one thread delivering (see request) */
                private volatile int next;
                private volatile boolean done;

                @Override
                public void request(long n) {
                    if (n <= 0) {
                        done = true;
                        subscriber.onError(new IllegalArgumentException("demand " + n));
                        return;
                    }
                    // whoever raises the demand from nothing delivers until it is nothing again; a request made
                    // meanwhile (also from within onNext) only adds to it
                    if (demand.getAndAccumulate(n, (was, more) -> was + more < 0 ? Long.MAX_VALUE : was + more) > 0) {
                        return;
                    }
                    do {
                        if (done) {
                            return;
                        }
                        subscriber.onNext(buffers.get(next++));
                        if (next == buffers.size()) {
                            done = true;
                            subscriber.onComplete();
                            return;
                        }
                    } while (demand.decrementAndGet() > 0);
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no utterance in the body");
    }
}
