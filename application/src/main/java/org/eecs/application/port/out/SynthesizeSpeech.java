package org.eecs.application.port.out;

import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.Tone;
import org.eecs.domain.performance.Speech;

/** Text to speech with a tone of voice (the paper's f_TTS): what the robot will say, as 16 kHz mono audio. */
public interface SynthesizeSpeech {

    /** The longest text spoken at once: that of a care response. */
    int MAX_TEXT_LENGTH = CareResponse.MAX_TEXT_LENGTH;

    /**
     * @param text at most {@link #MAX_TEXT_LENGTH} characters, not blank; longer or blank text is refused
     *             ({@link org.eecs.domain.DomainViolation}), never cut
     * @throws SynthesisFailed when the engine cannot produce the speech
     */
    Speech synthesize(String text, Tone tone);

    /** The speech engine failed or answered something that is not speech; the message says what and where. */
    class SynthesisFailed extends RuntimeException {
        public SynthesisFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
