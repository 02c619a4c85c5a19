package org.eecs.domain.emotion;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.TimeWindow;

/**
 * Fuses what the face showed and what the words said into one care state (docs/recognition.md).
 *
 * <ol>
 *   <li>The face's distribution over the expression model's classes is carried onto the care states by a fixed,
 *       reviewable table ({@link #FACE_TO_CARE}); classes the table does not know count as neutral.</li>
 *   <li>Text cues are already a distribution over the care states.</li>
 *   <li>The fused distribution is the mixture of the two, each weighted by its modality weight times its own
 *       confidence; with one input missing it is that input's distribution.</li>
 *   <li>Its confidence is the weighted mean of the inputs' confidences, times their agreement
 *       (1 minus the Jensen-Shannon divergence, base 2, of the two distributions; 1 with a single input).</li>
 * </ol>
 * With neither input there is nothing to fuse: the result is empty, never a guess.
 */
public final class EmotionFusion {

    public static final ModelRef MODEL = new ModelRef("eecs-care-state-fusion", "1");

    /** Each facial expression (FER2013 classes) as a distribution over care states. */
    static final Map<String, Map<CareState, Double>> FACE_TO_CARE = Map.of(
            "angry", Map.of(CareState.ANGER, 0.7, CareState.FRUSTRATION, 0.3),
            "disgust", Map.of(CareState.FRUSTRATION, 0.6, CareState.ANGER, 0.4),
            "fear", Map.of(CareState.FEAR, 0.6, CareState.ANXIETY, 0.4),
            "happy", Map.of(CareState.POSITIVE, 1.0),
            "sad", Map.of(CareState.SADNESS, 0.85, CareState.ANXIETY, 0.15),
            "surprise", Map.of(CareState.ANXIETY, 0.4, CareState.POSITIVE, 0.3, CareState.FEAR, 0.3),
            "neutral", Map.of(CareState.NEUTRAL, 1.0));

    /** The facial expressions the table knows, in the FER2013 model's order. */
    public static final List<String> FACE_CLASSES = List.of("angry", "disgust", "fear", "happy", "sad", "surprise",
            "neutral");

    private final double faceWeight;
    private final double textWeight;

    /** Both modalities weigh the same until a study says otherwise. */
    public EmotionFusion() {
        this(1.0, 1.0);
    }

    public EmotionFusion(double faceWeight, double textWeight) {
        if (!(faceWeight > 0) || !(textWeight > 0) || Double.isInfinite(faceWeight) || Double.isInfinite(textWeight)) {
            throw new DomainViolation("fusion weights must be positive and finite, got face " + faceWeight
                    + " and text " + textWeight);
        }
        this.faceWeight = faceWeight;
        this.textWeight = textWeight;
    }

    /**
     * @param face  the face's observation (modality FACE), if a face was seen
     * @param text  the text cues' observation (modality SPEECH_TEXT), if words were heard
     */
    public Optional<FusedState> fuse(Optional<EmotionObservation> face, Optional<EmotionObservation> text,
                                     TimeWindow window) {
        Require.present("window", window);
        face.ifPresent(observation -> requireModality(observation, Modality.FACE));
        text.ifPresent(observation -> requireModality(observation, Modality.SPEECH_TEXT));
        if (face.isEmpty() && text.isEmpty()) {
            return Optional.empty();
        }
        double[] fromFace = face.map(observation -> careStatesOf(observation.distribution())).orElse(null);
        double[] fromText = text.map(observation -> careStatesIn(observation.distribution())).orElse(null);
        double wFace = face.map(observation -> faceWeight * observation.confidence()).orElse(0.0);
        double wText = text.map(observation -> textWeight * observation.confidence()).orElse(0.0);

        double[] fused = new double[CareState.values().length];
        double total = wFace + wText;
        for (int i = 0; i < fused.length; i++) {
            if (total == 0) {
                // both inputs present but with zero confidence: an unweighted mixture of what there is
                fused[i] = average(fromFace, fromText, i);
            } else {
                fused[i] = ((fromFace == null ? 0 : wFace * fromFace[i]) + (fromText == null ? 0 : wText * fromText[i]))
                        / total;
            }
        }
        double meanConfidence = meanConfidence(face, text);
        double agreement = fromFace != null && fromText != null ? 1 - jensenShannon(fromFace, fromText) : 1;
        Set<Modality> inputs = EnumSet.noneOf(Modality.class);
        face.ifPresent(observation -> inputs.add(Modality.FACE));
        text.ifPresent(observation -> inputs.add(Modality.SPEECH_TEXT));
        EmotionObservation observation = new EmotionObservation(Modality.FUSED,
                EmotionDistribution.of(CareState.classNames(), normalised(fused)),
                clamp(meanConfidence * agreement), MODEL, window);
        return Optional.of(new FusedState(observation, inputs, agreement));
    }

    /** The face's distribution carried onto the care states. */
    static double[] careStatesOf(EmotionDistribution face) {
        double[] care = new double[CareState.values().length];
        face.probabilities().forEach((expression, probability) -> FACE_TO_CARE
                .getOrDefault(expression, Map.of(CareState.NEUTRAL, 1.0))
                .forEach((state, share) -> care[state.ordinal()] += probability * share));
        return care;
    }

    /** A distribution already over care states, in care-state order; unknown classes are refused. */
    static double[] careStatesIn(EmotionDistribution text) {
        double[] care = new double[CareState.values().length];
        for (Map.Entry<String, Double> entry : text.probabilities().entrySet()) {
            CareState state = List.of(CareState.values()).stream()
                    .filter(candidate -> candidate.className().equals(entry.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new DomainViolation("text cues must be over the care states "
                            + CareState.classNames() + ", got class " + Require.quote(entry.getKey())));
            care[state.ordinal()] = entry.getValue();
        }
        return care;
    }

    private double meanConfidence(Optional<EmotionObservation> face, Optional<EmotionObservation> text) {
        double weights = (face.isPresent() ? faceWeight : 0) + (text.isPresent() ? textWeight : 0);
        double sum = face.map(observation -> faceWeight * observation.confidence()).orElse(0.0)
                + text.map(observation -> textWeight * observation.confidence()).orElse(0.0);
        return sum / weights;
    }

    /** Jensen-Shannon divergence in bits: 0 for identical distributions, 1 for disjoint ones. */
    static double jensenShannon(double[] p, double[] q) {
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            divergence += term(p[i], m) / 2 + term(q[i], m) / 2;
        }
        return clamp(divergence);
    }

    private static double term(double x, double m) {
        return x == 0 ? 0 : x * (Math.log(x / m) / Math.log(2));
    }

    private static double average(double[] a, double[] b, int i) {
        if (a == null) {
            return b[i];
        }
        return b == null ? a[i] : (a[i] + b[i]) / 2;
    }

    /** Removes floating-point drift so that the distribution sums to 1 exactly enough for its own check. */
    private static double[] normalised(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] / sum;
        }
        return result;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    private static void requireModality(EmotionObservation observation, Modality expected) {
        if (observation.modality() != expected) {
            throw new DomainViolation("expected a " + expected + " observation, got " + observation.modality());
        }
    }

    /**
     * @param observation the fused care state, modality FUSED, model {@link #MODEL}
     * @param inputs      the modalities it was fused from
     * @param agreement   how far face and words agreed (1 with a single input)
     */
    public record FusedState(EmotionObservation observation, Set<Modality> inputs, double agreement) {
        public FusedState {
            inputs = Set.copyOf(inputs);
        }

        public CareState dominant() {
            return CareState.valueOf(observation.distribution().dominant().toUpperCase(Locale.ROOT));
        }
    }
}
