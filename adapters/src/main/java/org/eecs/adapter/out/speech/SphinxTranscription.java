package org.eecs.adapter.out.speech;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.domain.emotion.ModelRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default ASR: CMU Sphinx4 (US English) in process, decoding each utterance while it arrives. The
 * recognizers are loaded on first use, not at start, since each takes seconds and about 150 MB; after that they
 * are reused ({@link SphinxRecognizers}). A whole WAV is heard as one piece. Sphinx4 knows only English: other
 * languages are transcribed as if English, and a warning says so.
 */
final class SphinxTranscription implements TranscribeSpeech, AutoCloseable {

    static final ModelRef MODEL = new ModelRef("cmusphinx-en-us (sphinx4)", "5prealpha");

    private static final Logger log = LoggerFactory.getLogger(SphinxTranscription.class);

    private final Wavs wavs;
    private final SphinxRecognizers recognizers;
    private final long maxBytes;
    /** One thread per utterance being decoded: it spends most of its time waiting for the patient's audio. */
    private final ExecutorService decoders;

    SphinxTranscription(Wavs wavs, SphinxRecognizers recognizers, long maxBytes) {
        this.wavs = wavs;
        this.recognizers = recognizers;
        this.maxBytes = maxBytes;
        AtomicInteger count = new AtomicInteger();
        this.decoders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sphinx-decoder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Transcript transcribe(SpeechAudio audio, Locale language) {
        byte[] pcm = wavs.decode(audio).toPcm16LittleEndian();
        try (Listening listening = listen(language)) {
            listening.hear(pcm);
            return listening.finish();
        }
    }

    @Override
    public Listening listen(Locale language) {
        if (language != null && !language.getLanguage().isEmpty() && !"en".equals(language.getLanguage())) {
            log.warn("Sphinx4 has an English model only; transcribing {} speech as English", language);
        }
        return new Decoding();
    }

    /** Whether any recognizer has been loaded yet. */
    boolean loaded() {
        return recognizers.loaded() > 0;
    }

    @Override
    public void close() {
        decoders.shutdownNow();
    }

    /** One utterance: its audio flows through a pipe to a recognizer decoding on its own thread. */
    final class Decoding implements Listening {

        private final UtterancePieces pieces = new UtterancePieces(maxBytes);
        private final PcmPipe pipe = new PcmPipe();
        private final Future<String> words = decoders.submit(() -> recognizers.decode(pipe));
        private boolean finished;

        @Override
        public void hear(byte[] pcm) {
            pieces.accept(pcm);
            pipe.write(pcm);
        }

        @Override
        public Transcript finish() {
            pipe.end();
            finished = true;
            try {
                return new Transcript(words.get(), MODEL, pieces.duration());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Sphinx4 was decoding", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Sphinx4 failed to decode the utterance: " + e.getCause(),
                        e.getCause());
            }
        }

        /** How much of the audio heard so far the recognizer has already taken. */
        long bytesDecoded() {
            return pipe.bytesRead();
        }

        @Override
        public void close() {
            if (!finished) {
                pipe.abandon();
                finished = true;
            }
        }
    }
}
