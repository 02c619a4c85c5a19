package org.eecs.adapter.out.recognition.face;

import java.util.List;

/**
 * Turns the per-frame expression distributions of a clip into one distribution and a confidence
 * (method {@value #METHOD}).
 *
 * <ol>
 *   <li>Frame weight: {@code w_t = s_t * c_t}, where {@code s_t} is the detector's score for the face used and
 *       {@code c_t = max(0.05, 1 - H(p_t) / ln K)} the classifier's certainty on that frame ({@code H} the entropy
 *       of its distribution {@code p_t} over {@code K} classes; a uniform answer gets the floor 0.05, a one-hot
 *       answer 1).</li>
 *   <li>Temporal smoothing: each used frame's distribution is replaced by the [1, 2, 1] / 4 weighted mean of itself
 *       and its neighbours among the used frames in capture order ([2, 1] / 3 at either end; a single frame stays
 *       as it is), so that one frame's spike (a blink, motion blur) is tempered by the frames around it before it
 *       receives its weight.</li>
 *   <li>Clip distribution: {@code P = sum_t w_t q_t / sum_t w_t} over the used frames, {@code q_t} the smoothed
 *       distributions.</li>
 *   <li>Clip confidence: {@code sum_t w_t / T}, {@code T} every frame of the clip, used or skipped: a clip whose
 *       frames mostly had no usable face, or whose faces were read with little certainty, gets a low
 *       confidence.</li>
 * </ol>
 * A clip of one frame, or of the same frame repeated, therefore gives exactly that frame's distribution and the
 * same confidence.
 */
final class ClipAggregation {

    static final String METHOD = "certainty-weighted mean of [1,2,1]-smoothed frames";
    static final double MIN_CERTAINTY = 0.05;

    private ClipAggregation() {
    }

    /** @param probabilities the classifier's distribution; @param faceScore the detector's score, 0..1 */
    record FrameEstimate(double[] probabilities, double faceScore) {
    }

    record Result(double[] probabilities, double confidence) {
    }

    /**
     * @param used         the used frames' estimates in capture order, at least one
     * @param framesInClip every frame of the clip, used or not
     */
    static Result aggregate(List<FrameEstimate> used, int framesInClip) {
        if (used.isEmpty() || framesInClip < used.size()) {
            throw new IllegalArgumentException("need at least one used frame among the clip's, got " + used.size()
                    + " of " + framesInClip);
        }
        int classes = used.getFirst().probabilities().length;
        int n = used.size();
        double[] weights = new double[n];
        for (int t = 0; t < n; t++) {
            weights[t] = used.get(t).faceScore() * certainty(used.get(t).probabilities());
        }
        double[] clip = new double[classes];
        double total = 0;
        for (int t = 0; t < n; t++) {
            double[] smoothed = smoothed(used, t, classes);
            for (int c = 0; c < classes; c++) {
                clip[c] += weights[t] * smoothed[c];
            }
            total += weights[t];
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            clip[c] /= total;
            sum += clip[c];
        }
        for (int c = 0; c < classes; c++) {
            clip[c] /= sum;
        }
        return new Result(clip, Math.min(1, total / framesInClip));
    }

    static double certainty(double[] p) {
        double entropy = 0;
        for (double x : p) {
            if (x > 0) {
                entropy -= x * Math.log(x);
            }
        }
        return Math.max(MIN_CERTAINTY, 1 - entropy / Math.log(p.length));
    }

    private static double[] smoothed(List<FrameEstimate> used, int t, int classes) {
        double[] q = new double[classes];
        double weight = 0;
        for (int d = -1; d <= 1; d++) {
            int i = t + d;
            if (i < 0 || i >= used.size()) {
                continue;
            }
            double k = d == 0 ? 2 : 1;
            double[] p = used.get(i).probabilities();
            for (int c = 0; c < classes; c++) {
                q[c] += k * p[c];
            }
            weight += k;
        }
        for (int c = 0; c < classes; c++) {
            q[c] /= weight;
        }
        return q;
    }
}
