package org.eecs.benchmarks;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eecs.testing.Multipart;

/**
 * A multipart turn's body (docs/robot-protocol.md: the {@code utterance} JSON, the {@code audio} WAV, the
 * {@code frame} JPEGs), built once: the WAV and the frames do not change from turn to turn, only the small
 * {@code utterance} part does. Each turn's body is the same bytes {@link Multipart} would build for the same parts
 * (its boundary, its headers), sent from the three arrays as they are: no 600 KB body assembled a turn.
 */
final class TurnBody {

    private static final String UTTERANCE = "\u0000utterance\u0000";

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

    /** The turn's body with this utterance part: a fixed length, so sent with a Content-Length as before. */
    HttpRequest.BodyPublisher with(String utteranceJson) {
        byte[] utterance = utteranceJson.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(
                List.of(head, utterance, tail)), head.length + utterance.length + tail.length);
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
