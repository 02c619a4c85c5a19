package org.eecs.application.port.out;

import java.time.Duration;
import java.util.Locale;
import org.eecs.domain.emotion.ModelRef;

/** Automatic speech recognition (the paper's h_ASR): what the patient said, as text. */
public interface TranscribeSpeech {

    /** The rate of the audio {@link Listening} hears: 16 kHz mono, 16-bit signed little-endian samples. */
    int SAMPLE_RATE = 16_000;

    /**
     * A whole recorded utterance.
     *
     * @param language the patient's preferred language, as a hint to engines that take one
     * @throws UnreadableAudio when the audio is not a WAV this can read, saying what is wrong with it
     */
    Transcript transcribe(SpeechAudio audio, Locale language);

    /**
     * Starts listening to an utterance that arrives in pieces while the patient is still speaking (the streaming
     * robot API). An engine that can decode incrementally does so as the pieces come, so that when the patient
     * stops only the tail of the work remains; an engine that cannot gathers the pieces and transcribes them at
     * the end.
     *
     * @param language the patient's preferred language, as a hint to engines that take one
     */
    Listening listen(Locale language);

    /**
     * One utterance being heard, fed in order by one caller. Close it in any case: closing an unfinished one
     * abandons it (the turn was interrupted) and frees what it held.
     */
    interface Listening extends AutoCloseable {

        /**
         * The next piece of the utterance: {@link #SAMPLE_RATE} mono PCM, 16-bit signed little-endian.
         *
         * @throws UnreadableAudio for an odd number of bytes, or once the utterance outgrows the longest accepted
         */
        void hear(byte[] pcm);

        /** The patient has stopped: what remains is decoded, and the whole utterance's transcript answered. */
        Transcript finish();

        @Override
        void close();
    }

    /** @param text empty when nothing intelligible was said */
    record Transcript(String text, ModelRef model, Duration audioDuration) {
    }

    /** The audio cannot be read; the message names the problem (not a WAV, 8-bit samples, empty...). */
    class UnreadableAudio extends RuntimeException {
        public UnreadableAudio(String message) {
            super(message);
        }
    }

    /**
     * The speech recognition service failed, or answered something that is not a transcription: the turn cannot be
     * heard just now, though it may be in a moment. The message names the service and the fault.
     */
    class TranscriptionFailed extends RuntimeException {
        public TranscriptionFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
