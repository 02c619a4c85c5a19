package org.eecs.adapter.out.speech;

import java.util.Locale;
import java.util.function.Supplier;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.perception.audio.PcmAudio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default ASR: CMU Sphinx4 (US English) in process. The recognizer is created on first use, not at
 * start, since loading its models takes seconds and hundreds of megabytes; after that it is reused.
 * Sphinx4 knows only English: other languages are transcribed as if English, and a warning says so.
 */
final class SphinxTranscription implements TranscribeSpeech {

    static final ModelRef MODEL = new ModelRef("cmusphinx-en-us (sphinx4)", "5prealpha");

    private static final Logger log = LoggerFactory.getLogger(SphinxTranscription.class);

    private final Wavs wavs;
    private final Supplier<SphinxRecognizer> factory;
    private volatile SphinxRecognizer recognizer;

    SphinxTranscription(Wavs wavs, Supplier<SphinxRecognizer> factory) {
        this.wavs = wavs;
        this.factory = factory;
    }

    @Override
    public Transcript transcribe(SpeechAudio audio, Locale language) {
        PcmAudio pcm = wavs.decode(audio);
        if (language != null && !language.getLanguage().isEmpty() && !"en".equals(language.getLanguage())) {
            log.warn("Sphinx4 has an English model only; transcribing {} speech as English", language);
        }
        return new Transcript(recognizer().recognize(pcm), MODEL, pcm.duration());
    }

    /** Whether the models have been loaded yet. */
    boolean loaded() {
        return recognizer != null;
    }

    private SphinxRecognizer recognizer() {
        SphinxRecognizer current = recognizer;
        if (current == null) {
            synchronized (this) {
                current = recognizer;
                if (current == null) {
                    long start = System.nanoTime();
                    current = factory.get();
                    recognizer = current;
                    log.info("Sphinx4 recognizer loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return current;
    }
}
