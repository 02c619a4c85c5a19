package org.eecs.adapter.out.recognition.text;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.eecs.application.port.out.RecognizeCrisis;
import org.eecs.domain.safety.CrisisSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crisis language in what the patient said: rules first, then resemblance (docs/reasoning.md).
 * <ol>
 *   <li>Harmless idioms are blanked out ("I could kill for a coffee"), then the first rule that matches decides.</li>
 *   <li>Otherwise the statement is embedded with all-MiniLM-L6-v2 ({@link MiniLmL6V2}, checksum-verified, loaded on
 *       first use) and compared (cosine) with the file's crisis examples and harmless sentences. With {@code c} the
 *       best crisis similarity and {@code h} the best harmless one, the statement is crisis language of the best
 *       example's category when {@code c >= threshold} and {@code c - h >= margin}.</li>
 * </ol>
 * The evidence names the rule's line and the words it matched, or the example and the similarity.
 */
final class CrisisLanguageDetector implements RecognizeCrisis, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CrisisLanguageDetector.class);

    /**
     * @param threshold the similarity to a crisis example at or above which a statement is raised
     * @param margin    how much closer to that example than to any harmless sentence it must be
     */
    record Settings(double threshold, double margin) {
        static final Settings DEFAULTS = new Settings(0.60, 0.05);

        Settings {
            if (!(threshold > 0 && threshold < 1) || !(margin >= -1 && margin <= 1)) {
                throw new IllegalArgumentException("the crisis similarity threshold must be in (0, 1) and the "
                        + "margin in [-1, 1], got " + threshold + " and " + margin);
            }
        }
    }

    private final CrisisLanguage language;
    private final Supplier<EmbeddingModel> modelLoader;
    private final Settings settings;
    private volatile Loaded loaded;

    CrisisLanguageDetector(CrisisLanguage language, Supplier<EmbeddingModel> modelLoader, Settings settings) {
        this.language = language;
        this.modelLoader = modelLoader;
        this.settings = settings;
    }

    @Override
    public Optional<CrisisSignal> crisisIn(String transcript) {
        if (transcript == null || transcript.isBlank()) {
            return Optional.empty();
        }
        Optional<CrisisSignal> byRule = byRule(transcript);
        return byRule.isPresent() ? byRule : byResemblance(transcript);
    }

    Optional<CrisisSignal> byRule(String transcript) {
        String masked = language.masked(transcript);
        for (CrisisLanguage.Rule rule : language.rules()) {
            Matcher found = rule.pattern().matcher(masked);
            if (found.find()) {
                return Optional.of(new CrisisSignal(rule.category(), evidence("said \"" + found.group().strip()
                        + "\" (rule at " + language.source() + " line " + rule.line() + ")")));
            }
        }
        return Optional.empty();
    }

    /** The best crisis example, its similarity, and the best harmless similarity. */
    record Resemblance(CrisisLanguage.Example example, double similarity, double harmless) {
    }

    Resemblance resemblance(String transcript) {
        Loaded state = loaded();
        float[] said = Vectors.normalised(state.model().embed(transcript.strip()).content().vector());
        int best = 0;
        double bestSimilarity = -1;
        for (int i = 0; i < state.examples().length; i++) {
            double similarity = Vectors.dot(said, state.examples()[i]);
            if (similarity > bestSimilarity) {
                best = i;
                bestSimilarity = similarity;
            }
        }
        double harmless = -1;
        for (float[] sentence : state.harmless()) {
            harmless = Math.max(harmless, Vectors.dot(said, sentence));
        }
        return new Resemblance(language.examples().get(best), bestSimilarity, harmless);
    }

    private Optional<CrisisSignal> byResemblance(String transcript) {
        Resemblance closest = resemblance(transcript);
        if (closest.similarity() >= settings.threshold()
                && closest.similarity() - closest.harmless() >= settings.margin()) {
            return Optional.of(new CrisisSignal(closest.example().category(), evidence(String.format(Locale.ROOT,
                    "resembles \"%s\" (cosine %.2f; nearest harmless %.2f)", closest.example().sentence(),
                    closest.similarity(), closest.harmless()))));
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        Loaded current = loaded;
        loaded = null;
        if (current != null && current.model() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close the crisis language model", e);
            }
        }
    }

    private Loaded loaded() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    long start = System.nanoTime();
                    EmbeddingModel model = modelLoader.get();
                    current = new Loaded(model, embedAll(model, language.examples().stream()
                            .map(CrisisLanguage.Example::sentence).toList()), embedAll(model, language.harmless()));
                    loaded = current;
                    log.info("Crisis language ready: {} examples and {} harmless sentences embedded in {} ms",
                            language.examples().size(), language.harmless().size(),
                            (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return current;
    }

    private static float[][] embedAll(EmbeddingModel model, List<String> sentences) {
        if (sentences.isEmpty()) {
            return new float[0][];
        }
        var embeddings = model.embedAll(sentences.stream().map(TextSegment::from).toList()).content();
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = Vectors.normalised(embeddings.get(i).vector());
        }
        return vectors;
    }

    private static String evidence(String text) {
        return text.length() > CrisisSignal.MAX_EVIDENCE_LENGTH
                ? text.substring(0, CrisisSignal.MAX_EVIDENCE_LENGTH - 3) + "..." : text;
    }

    private record Loaded(EmbeddingModel model, float[][] examples, float[][] harmless) {
    }
}
