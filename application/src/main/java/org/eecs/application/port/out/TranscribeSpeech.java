package org.eecs.application.port.out;

import java.time.Duration;
import java.util.Locale;
import org.eecs.domain.emotion.ModelRef;

/** Automatic speech recognition (the paper's h_ASR): what the patient said, as text. */
public interface TranscribeSpeech {

    /**
     * @param language the patient's preferred language, as a hint to engines that take one
     * @throws UnreadableAudio when the audio is not a WAV this can read, saying what is wrong with it
     */
    Transcript transcribe(SpeechAudio audio, Locale language);

    /** @param text empty when nothing intelligible was said */
    record Transcript(String text, ModelRef model, Duration audioDuration) {
    }

    /** The audio cannot be read; the message names the problem (not a WAV, 8-bit samples, empty...). */
    class UnreadableAudio extends RuntimeException {
        public UnreadableAudio(String message) {
            super(message);
        }
    }
}
