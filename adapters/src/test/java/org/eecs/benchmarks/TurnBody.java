package org.eecs.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eecs.testing.Multipart;

/**
 * A multipart turn's body (docs/robot-protocol.md: the {@code utterance} JSON, the {@code audio} WAV, the
 * {@code frame} JPEGs), built once: the WAV and the frames do not change from turn to turn, only the small
 * {@code utterance} part does. Each turn's body is the same bytes {@link Multipart} would build for the same parts
 * (its boundary, its headers), sent as its start (a few hundred bytes, put in the robot's request) and the
 * unchanging rest: no 600 KB body assembled a turn.
 */
final class TurnBody {

    private static final String UTTERANCE = "\u0000utterance\u0000";

    private final String contentType;
    /** everything up to the utterance's JSON, and everything after it */
    private final byte[] head;
    private final ByteBuffer rest;

    TurnBody(byte[] wav, byte[] frame, int frames) {
        Multipart parts = new Multipart().part("utterance", "application/json", UTTERANCE)
                .part("audio", "u.wav", "audio/wav", wav);
        for (int i = 0; i < frames; i++) {
            parts.part("frame", "f" + i + ".jpg", "image/jpeg", frame);
        }
        byte[] whole = parts.bytes();
        int at = indexOf(whole, UTTERANCE.getBytes(StandardCharsets.UTF_8));
        this.head = java.util.Arrays.copyOfRange(whole, 0, at);
        int after = at + UTTERANCE.length();
        this.rest = ByteBuffer.allocateDirect(whole.length - after).put(whole, after, whole.length - after).flip()
                .asReadOnlyBuffer();
        this.contentType = parts.contentType();
    }

    String contentType() {
        return contentType;
    }

    /** The length of the turn's body with this utterance part. */
    int length(byte[] utterance) {
        return head.length + utterance.length + rest.capacity();
    }

    /** The length of the body's start with this utterance part: what {@link #putStart} puts. */
    int startLength(byte[] utterance) {
        return head.length + utterance.length;
    }

    /** Puts the body's start into the request: everything up to the utterance part's JSON, then the JSON. */
    void putStart(ByteBuffer request, byte[] utterance) {
        request.put(head).put(utterance);
    }

    /**
     * The rest of the body (the audio and the frames, the same every turn), a robot's own view of it, sent from as
     * it is: its bytes are outside the heap once for all robots, so a write copies nothing.
     */
    ByteBuffer rest() {
        return rest.duplicate();
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
