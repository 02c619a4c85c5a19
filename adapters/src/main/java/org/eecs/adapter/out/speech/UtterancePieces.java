package org.eecs.adapter.out.speech;

import java.time.Duration;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.TranscribeSpeech.UnreadableAudio;

/**
 * The checks every streamed utterance gets, whatever the engine: whole 16-bit samples only, and no longer than
 * the longest utterance accepted (the same byte limit as a whole WAV), so a robot that never stops sending cannot
 * exhaust memory.
 */
final class UtterancePieces {

    private final long maxBytes;
    private long bytes;

    UtterancePieces(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes note of the next piece, or refuses it by name. */
    void accept(byte[] pcm) {
        if (pcm.length % 2 != 0) {
            throw new UnreadableAudio("audio pieces are 16-bit samples, so an even number of bytes; got "
                    + pcm.length);
        }
        if (bytes + pcm.length > maxBytes) {
            throw new UnreadableAudio("the utterance is longer than the " + maxBytes + " bytes accepted ("
                    + maxBytes / 2 / TranscribeSpeech.SAMPLE_RATE + " s of 16 kHz audio)");
        }
        bytes += pcm.length;
    }

    /** How long the utterance heard so far lasts. */
    Duration duration() {
        return Duration.ofNanos(Math.round(bytes / 2 * 1e9 / TranscribeSpeech.SAMPLE_RATE));
    }
}
