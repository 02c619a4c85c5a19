package org.eecs.application.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eecs.application.port.in.EvaluatingCare.Said;
import org.eecs.application.port.in.EvaluatingCare.ScriptedTurn;
import org.eecs.application.port.in.EvaluatingCare.Seen;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;

/**
 * The system's own speech recognition and facial expression recognition, except where the turn being played says
 * what they would find: words given as text are taken as heard, and a face given as an expression is taken as seen.
 * What the script supplies is labelled as the script's ({@link #WORDS}, {@link #FACE}), never as a model's, so a
 * recorded turn shows where its inputs came from. Recordings and clips go to the real recognisers.
 *
 * <p>Recognition asks at the start of a turn ({@code listen}, {@code watch}) for what the turn scripts, on the
 * thread that plays it; one turn is played at a time.
 */
public final class ScriptedInputs {

    /** Words a scenario gives as text. */
    public static final ModelRef WORDS = new ModelRef("scenario-script", "1");
    /** A facial expression a scenario states. */
    public static final ModelRef FACE = new ModelRef("scenario-face-label", "1");

    private final RecognizeFacialExpression faces;
    private final TranscribeSpeech speech;
    private final AtomicReference<Playing> playing = new AtomicReference<>();

    public ScriptedInputs(RecognizeFacialExpression faces, TranscribeSpeech speech) {
        this.faces = faces;
        this.speech = speech;
    }

    private record Playing(ScriptedTurn turn, TimeWindow window) {
    }

    /** Runs {@code work} (one turn) with its script in force. */
    <T> T playing(ScriptedTurn turn, TimeWindow window, Supplier<T> work) {
        if (!playing.compareAndSet(null, new Playing(turn, window))) {
            throw new IllegalStateException("one scripted turn at a time");
        }
        try {
            return work.get();
        } finally {
            playing.set(null);
        }
    }

    /** The facial expression recognition of the evaluation's turns. */
    public RecognizeFacialExpression faces() {
        return new RecognizeFacialExpression() {
            @Override
            public FaceReading recognize(VideoClip clip) {
                Playing now = playing.get();
                return now != null && now.turn().seen() instanceof Seen.Stated stated ? reading(stated, now.window())
                        : faces.recognize(clip);
            }

            @Override
            public Watching watch() {
                Playing now = playing.get();
                if (now != null && now.turn().seen() instanceof Seen.Stated stated) {
                    return new Watching() {
                        @Override
                        public void see(VideoClip.Frame frame) {
                            // the statement stands for the camera
                        }

                        @Override
                        public FaceReading finish() {
                            return reading(stated, now.window());
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
                return faces.watch();
            }
        };
    }

    /** The speech recognition of the evaluation's turns. */
    public TranscribeSpeech speech() {
        return new TranscribeSpeech() {
            @Override
            public Transcript transcribe(SpeechAudio audio, Locale language) {
                Playing now = playing.get();
                return now != null && now.turn().said() instanceof Said.Words words ? transcript(words, now.window())
                        : speech.transcribe(audio, language);
            }

            @Override
            public Listening listen(Locale language) {
                Playing now = playing.get();
                if (now != null && now.turn().said() instanceof Said.Words words) {
                    return new Listening() {
                        @Override
                        public void hear(byte[] pcm) {
                            // the words stand for the microphone
                        }

                        @Override
                        public Transcript finish() {
                            return transcript(words, now.window());
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
                return speech.listen(language);
            }
        };
    }

    private static FaceReading reading(Seen.Stated stated, TimeWindow window) {
        double[] certain = new double[EmotionFusion.FACE_CLASSES.size()];
        certain[EmotionFusion.FACE_CLASSES.indexOf(stated.expression())] = 1;
        return new FaceReading.Expression(new EmotionObservation(Modality.FACE,
                EmotionDistribution.of(EmotionFusion.FACE_CLASSES, certain), 1, FACE, window), List.of());
    }

    private static TranscribeSpeech.Transcript transcript(Said.Words words, TimeWindow window) {
        return new TranscribeSpeech.Transcript(words.text(), WORDS, window.duration());
    }
}
