package org.eecs.adapter.out.recognition.text;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text cues from sentence embeddings, in process: all-MiniLM-L6-v2 ({@link MiniLmL6V2}: the ONNX export bundled in
 * LangChain4j's jar, checksum-verified, run by ONNX Runtime on the calling thread; nothing is downloaded) compares what the patient said with labelled exemplar sentences
 * ({@code recognition/text-cue-exemplars.tsv}).
 *
 * <h2>Method</h2>
 * <ol>
 *   <li>On first use (not at application start), the model is loaded and every exemplar embedded once; both are
 *       kept for the life of this object. The embeddings are L2-normalised, so a dot product is the cosine.</li>
 *   <li>The transcript is embedded the same way; {@code sim(e)} is its cosine similarity with exemplar {@code e}.</li>
 *   <li>Each care state {@code s} scores {@code score(s)}, the mean of the {@link Settings#topK() k} highest
 *       {@code sim(e)} over the exemplars of {@code s} (all of them when it has fewer).</li>
 *   <li>The distribution is a softmax with temperature {@code T}:
 *       {@code p(s) = exp(score(s) / T) / sum over s' of exp(score(s') / T)}, in {@link CareState} order.</li>
 *   <li>With {@code s1 >= s2} the two highest scores, the confidence is
 *       {@code clamp01((s1 - s2) / M) * clamp01((s1 - floor) / (ceiling - floor))}: near 0 when two states are
 *       about as close (the words do not tell them apart) or when even the best state is not similar to what was
 *       said (the words carry no cue we know), 1 only for a clear, close match.</li>
 * </ol>
 * A transcript with no letter or digit in it (null, empty, blank, only punctuation) has no words to read and gives
 * no observation.
 *
 * <p>The observation's model is {@value #MODEL_NAME} with the exemplars' version (a short hash of the exemplars,
 * see {@link TextCueExemplars#versionOf}), so a change of exemplars changes the recorded version.
 *
 * <p>Public only so that benchmarks outside this package can build one ({@link #withBundledExemplars()}); the
 * application gets it as its {@link RecognizeTextCues} bean.
 */
public final class SentenceEmbeddingTextCues implements RecognizeTextCues, AutoCloseable {

    public static final String MODEL_NAME = "all-minilm-l6-v2+eecs-exemplars";


    private static final Logger log = LoggerFactory.getLogger(SentenceEmbeddingTextCues.class);
    private static final Pattern A_WORD = Pattern.compile("[\\p{L}\\p{N}]");
    private static final CareState[] STATES = CareState.values();
    private static final List<String> CLASSES = CareState.classNames();

    /**
     * @param topK                   how many best-matching exemplars of a state are averaged into its score
     * @param temperature            the softmax temperature T (cosine units): lower is sharper
     * @param marginForFullConfidence M: the lead of the best state over the second that counts as clear
     * @param similarityFloor        a best score at or below this carries no cue
     * @param similarityCeiling      a best score at or above this is a close match
     */
    public record Settings(int topK, double temperature, double marginForFullConfidence, double similarityFloor,
                           double similarityCeiling) {

        public static final Settings DEFAULTS = new Settings(2, 0.05, 0.10, 0.20, 0.60);

        public Settings {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be at least 1, got " + topK);
            }
            if (!(temperature > 0) || !(marginForFullConfidence > 0) || !(similarityCeiling > similarityFloor)) {
                throw new IllegalArgumentException("temperature and margin must be positive and the ceiling above"
                        + " the floor, got " + this);
            }
        }
    }

    private final Supplier<EmbeddingModel> modelLoader;
    private final TextCueExemplars exemplars;
    private final Settings settings;
    private final ModelRef modelRef;
    private volatile Loaded loaded;

    SentenceEmbeddingTextCues(Supplier<EmbeddingModel> modelLoader, TextCueExemplars exemplars, Settings settings) {
        this.modelLoader = modelLoader;
        this.exemplars = exemplars;
        this.settings = settings;
        this.modelRef = new ModelRef(MODEL_NAME, exemplars.version());
    }

    /** all-MiniLM-L6-v2 with the exemplars shipped in the application and the default settings. */
    public static SentenceEmbeddingTextCues withBundledExemplars() {
        return new SentenceEmbeddingTextCues(MiniLmL6V2::load, TextCueExemplars.bundled(), Settings.DEFAULTS);
    }

    @Override
    public Optional<EmotionObservation> cuesIn(String transcript, TimeWindow window) {
        if (transcript == null || !A_WORD.matcher(transcript).find()) {
            return Optional.empty();
        }
        double[] scores = scores(transcript.strip());
        double[] probabilities = softmax(scores, settings.temperature());
        EmotionObservation observation = new EmotionObservation(Modality.SPEECH_TEXT,
                EmotionDistribution.of(CLASSES, probabilities), confidence(scores), modelRef, window);
        return Optional.of(observation);
    }

    /** The model and exemplar version every observation records. */
    public ModelRef model() {
        return modelRef;
    }

    /** Loads the model and embeds the exemplars now, if that has not happened yet; returns how long it took. */
    public Duration load() {
        return loaded().loadTime();
    }

    /** Releases the model's ONNX Runtime session, if it was loaded. */
    @Override
    public synchronized void close() {
        Loaded current = loaded;
        loaded = null;
        if (current != null && current.model() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the text cue model " + MODEL_NAME, e);
            }
        }
    }

    /** Per care state, in {@link CareState} order, the mean of its top-k cosine similarities to the transcript. */
    double[] scores(String transcript) {
        Loaded state = loaded();
        float[] embedding = Vectors.normalised(state.model().embed(transcript).content().vector());
        double[][] similaritiesByState = new double[STATES.length][];
        for (int s = 0; s < STATES.length; s++) {
            similaritiesByState[s] = new double[state.vectorsByState()[s].length];
            for (int e = 0; e < state.vectorsByState()[s].length; e++) {
                similaritiesByState[s][e] = Vectors.dot(embedding, state.vectorsByState()[s][e]);
            }
        }
        double[] scores = new double[STATES.length];
        for (int s = 0; s < STATES.length; s++) {
            double[] similarities = similaritiesByState[s];
            Arrays.sort(similarities);
            int k = Math.min(settings.topK(), similarities.length);
            double sum = 0;
            for (int i = similarities.length - k; i < similarities.length; i++) {
                sum += similarities[i];
            }
            scores[s] = sum / k;
        }
        return scores;
    }

    static double[] softmax(double[] scores, double temperature) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp((scores[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    double confidence(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double best = sorted[sorted.length - 1];
        double second = sorted[sorted.length - 2];
        double margin = clamp01((best - second) / settings.marginForFullConfidence());
        double similarity = clamp01((best - settings.similarityFloor())
                / (settings.similarityCeiling() - settings.similarityFloor()));
        return margin * similarity;
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = loadModelAndExemplars();
                    loaded = current;
                    log.info("Text cues ready: {} with {} exemplars loaded in {} ms", modelRef,
                            exemplars.exemplars().size(), current.loadTime().toMillis());
                }
            }
        }
        return current;
    }

    private Loaded loadModelAndExemplars() {
        long start = System.nanoTime();
        EmbeddingModel model = modelLoader.get();
        List<TextCueExemplars.Exemplar> all = exemplars.exemplars();
        List<TextSegment> segments = all.stream().map(e -> TextSegment.from(e.sentence())).toList();
        var embeddings = model.embedAll(segments).content();
        float[][][] byState = new float[STATES.length][][];
        for (CareState state : STATES) {
            byState[state.ordinal()] = new float[(int) all.stream().filter(e -> e.state() == state).count()][];
        }
        int[] filled = new int[STATES.length];
        for (int i = 0; i < all.size(); i++) {
            int s = all.get(i).state().ordinal();
            byState[s][filled[s]++] = Vectors.normalised(embeddings.get(i).vector());
        }
        return new Loaded(model, byState, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Loaded(EmbeddingModel model, float[][][] vectorsByState, Duration loadTime) {
    }
}
