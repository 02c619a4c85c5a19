package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.eecs.adapter.out.recognition.face.ClipAggregation.FrameEstimate;
import org.junit.jupiter.api.Test;

class ClipAggregationTest {

    private static final double[] HAPPY = {0.05, 0.9, 0.05};
    private static final double[] SAD = {0.9, 0.05, 0.05};
    private static final double[] UNIFORM = {1 / 3.0, 1 / 3.0, 1 / 3.0};

    @Test
    void certaintyIsOneMinusNormalisedEntropyWithAFloor() {
        assertThat(ClipAggregation.certainty(new double[]{0, 1, 0})).isEqualTo(1.0);
        assertThat(ClipAggregation.certainty(UNIFORM)).isEqualTo(ClipAggregation.MIN_CERTAINTY);
        double h = -(0.05 * Math.log(0.05) * 2 + 0.9 * Math.log(0.9));
        assertThat(ClipAggregation.certainty(HAPPY)).isCloseTo(1 - h / Math.log(3), within(1e-12));
    }

    @Test
    void aSingleFrameGivesItsOwnDistributionAndItsWeightAsConfidence() {
        var result = ClipAggregation.aggregate(List.of(new FrameEstimate(HAPPY, 0.9)), 1);

        assertThat(result.probabilities()).containsExactly(HAPPY, within(1e-12));
        assertThat(result.confidence()).isCloseTo(0.9 * ClipAggregation.certainty(HAPPY), within(1e-12));
    }

    @Test
    void theSameFrameRepeatedGivesTheSameAsOneFrame() {
        var one = ClipAggregation.aggregate(List.of(new FrameEstimate(HAPPY, 0.9)), 1);
        var many = ClipAggregation.aggregate(Collections.nCopies(16, new FrameEstimate(HAPPY, 0.9)), 16);

        assertThat(many.probabilities()).containsExactly(one.probabilities(), within(1e-12));
        assertThat(many.confidence()).isCloseTo(one.confidence(), within(1e-12));
    }

    @Test
    void skippedFramesLowerTheConfidenceButNotTheDistribution() {
        var all = ClipAggregation.aggregate(Collections.nCopies(4, new FrameEstimate(HAPPY, 0.9)), 4);
        var half = ClipAggregation.aggregate(Collections.nCopies(4, new FrameEstimate(HAPPY, 0.9)), 8);

        assertThat(half.probabilities()).containsExactly(all.probabilities(), within(1e-12));
        assertThat(half.confidence()).isCloseTo(all.confidence() / 2, within(1e-12));
    }

    @Test
    void weightsFramesByDetectorScoreTimesCertaintyAfterSmoothing() {
        // two frames: smoothed q0 = (2 HAPPY + SAD) / 3, q1 = (HAPPY + 2 SAD) / 3; weights 0.9 c and 0.3 c
        var result = ClipAggregation.aggregate(List.of(new FrameEstimate(HAPPY, 0.9), new FrameEstimate(SAD, 0.3)), 2);

        double c = ClipAggregation.certainty(HAPPY); // SAD has the same entropy
        double w0 = 0.9 * c;
        double w1 = 0.3 * c;
        double[] expected = new double[3];
        for (int k = 0; k < 3; k++) {
            double q0 = (2 * HAPPY[k] + SAD[k]) / 3;
            double q1 = (HAPPY[k] + 2 * SAD[k]) / 3;
            expected[k] = (w0 * q0 + w1 * q1) / (w0 + w1);
        }
        assertThat(result.probabilities()).containsExactly(expected, within(1e-12));
        assertThat(result.confidence()).isCloseTo((w0 + w1) / 2, within(1e-12));
    }

    @Test
    void smoothingTempersAOneFrameSpikeMoreThanAPlainWeightedMeanWould() {
        // four uncertain frames (near uniform) and one very certain "sad" frame in the middle
        double[] unsure = {0.3, 0.4, 0.3};
        double[] spike = {0.98, 0.01, 0.01};
        List<FrameEstimate> frames = List.of(new FrameEstimate(unsure, 1), new FrameEstimate(unsure, 1),
                new FrameEstimate(spike, 1), new FrameEstimate(unsure, 1), new FrameEstimate(unsure, 1));

        var result = ClipAggregation.aggregate(frames, 5);

        double wUnsure = ClipAggregation.certainty(unsure);
        double wSpike = ClipAggregation.certainty(spike);
        double plain = (4 * wUnsure * unsure[0] + wSpike * spike[0]) / (4 * wUnsure + wSpike);
        assertThat(result.probabilities()[0]).isLessThan(plain - 0.05);
        assertThat(Arrays.stream(result.probabilities()).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void needsAUsedFrame() {
        assertThatThrownBy(() -> ClipAggregation.aggregate(List.of(), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
