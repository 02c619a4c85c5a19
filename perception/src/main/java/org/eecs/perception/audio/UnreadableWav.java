package org.eecs.perception.audio;

/** The bytes are not a WAV the decoder can read; the message names the problem. */
public final class UnreadableWav extends RuntimeException {

    public UnreadableWav(String message) {
        super(message);
    }
}
