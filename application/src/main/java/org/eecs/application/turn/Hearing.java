package org.eecs.application.turn;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.emotion.EmotionFusion.FusedState;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;

/**
 * The paper's Recognition layer for one utterance, within what consent permits: the face (from the frames) and the
 * words (from the audio) at the same time, then the emotional cues in the words, then the fusion of both. Without
 * consent to emotion analysis only the words are recognised; without consent to video capture no frame is read.
 */
final class Hearing {

    private final RecognizeFacialExpression faces;
    private final TranscribeSpeech speech;
    private final RecognizeTextCues textCues;
    private final EmotionFusion fusion;
    private final Executor executor;

    Hearing(RecognizeFacialExpression faces, TranscribeSpeech speech, RecognizeTextCues textCues, EmotionFusion fusion,
            Executor executor) {
        this.faces = faces;
        this.speech = speech;
        this.textCues = textCues;
        this.fusion = fusion;
        this.executor = executor;
    }

    /** A recorded utterance: face and speech recognised in parallel. */
    Recognized recorded(SpeechAudio audio, VideoClip clip, Locale language, TimeWindow window, TurnConsent consent) {
        boolean readFaces = consent.readsFaces() && !clip.frames().isEmpty();
        CompletableFuture<Timed<FaceReading>> face = readFaces
                ? CompletableFuture.supplyAsync(() -> Timed.of(() -> faces.recognize(clip)), executor) : null;
        Timed<TranscribeSpeech.Transcript> transcript = Timed.of(() -> speech.transcribe(audio, language));
        return afterWords(transcript, face == null ? null : join(face), window, consent);
    }

    /** Words the robot heard itself: only the emotional cues in them remain to recognise. */
    Recognized words(String text, TimeWindow window, TurnConsent consent) {
        return cuesAndFusion(text, Optional.empty(), StageLatencies.none(), window, consent);
    }

    /** An utterance arriving in pieces: see {@link Streamed}. */
    Streamed listen(Locale language, TurnConsent consent) {
        TranscribeSpeech.Listening listening = speech.listen(language);
        RecognizeFacialExpression.Watching watching = null;
        try {
            watching = consent.readsFaces() ? faces.watch() : null;
        } catch (RuntimeException failure) {
            listening.close();
            throw failure;
        }
        return new Streamed(listening, watching, consent);
    }

    /**
     * The pieces are recognised as they arrive; {@link #finish} leaves only the tail: the rest of the speech, the
     * classification of the frames seen, the cues and the fusion. Its stage times count that tail only.
     */
    final class Streamed implements AutoCloseable {

        private final TranscribeSpeech.Listening listening;
        private final RecognizeFacialExpression.Watching watching;
        private final TurnConsent consent;

        private Streamed(TranscribeSpeech.Listening listening, RecognizeFacialExpression.Watching watching,
                         TurnConsent consent) {
            this.listening = listening;
            this.watching = watching;
            this.consent = consent;
        }

        void hear(byte[] pcm) {
            listening.hear(pcm);
        }

        /** Frames are read only with consent to video capture and emotion analysis; otherwise never decoded. */
        void see(VideoClip.Frame frame) {
            if (watching != null) {
                watching.see(frame);
            }
        }

        Recognized finish(TimeWindow window) {
            CompletableFuture<Timed<FaceReading>> face = watching == null ? null
                    : CompletableFuture.supplyAsync(() -> Timed.of(watching::finish), executor);
            Timed<TranscribeSpeech.Transcript> transcript = Timed.of(listening::finish);
            return afterWords(transcript, face == null ? null : join(face), window, consent);
        }

        @Override
        public void close() {
            try {
                listening.close();
            } finally {
                if (watching != null) {
                    watching.close();
                }
            }
        }
    }

    private Recognized afterWords(Timed<TranscribeSpeech.Transcript> transcript, Timed<FaceReading> face,
                                  TimeWindow window, TurnConsent consent) {
        StageLatencies latencies = StageLatencies.none().with(Stage.SPEECH_RECOGNITION, transcript.took());
        Optional<EmotionObservation> seen = Optional.empty();
        if (face != null) {
            latencies = latencies.with(Stage.FACE_RECOGNITION, face.took());
            if (face.value() instanceof FaceReading.Expression expression) {
                seen = Optional.of(expression.observation());
            }
        }
        return cuesAndFusion(transcript.value().text().strip(), seen, latencies, window, consent);
    }

    private Recognized cuesAndFusion(String transcript, Optional<EmotionObservation> face, StageLatencies latencies,
                                     TimeWindow window, TurnConsent consent) {
        if (!consent.emotionAnalysis()) {
            return new Recognized(transcript, Optional.empty(), Optional.empty(), Optional.empty(), latencies);
        }
        Timed<Optional<EmotionObservation>> words = Timed.of(() -> transcript.isBlank() ? Optional.empty()
                : textCues.cuesIn(transcript, window));
        Timed<Optional<FusedState>> fused = Timed.of(() -> fusion.fuse(face, words.value(), window));
        return new Recognized(transcript, face, words.value(), fused.value(), latencies
                .with(Stage.TEXT_CUES, words.took())
                .with(Stage.FUSION, fused.took()));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failure;
        }
    }

    /** A value and how long it took to get. */
    record Timed<T>(T value, Duration took) {
        static <T> Timed<T> of(Supplier<T> work) {
            long start = System.nanoTime();
            T value = work.get();
            return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
