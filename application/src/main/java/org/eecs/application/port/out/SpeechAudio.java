package org.eecs.application.port.out;

import java.util.Objects;

/** One utterance as the robot recorded it: a WAV file (PCM 16-bit, any common rate, mono or stereo). */
public record SpeechAudio(byte[] wav) {

    public SpeechAudio {
        Objects.requireNonNull(wav, "wav");
    }
}
