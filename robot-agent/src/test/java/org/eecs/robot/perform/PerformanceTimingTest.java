package org.eecs.robot.perform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.eecs.robot.body.simulator.Recording;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.Test;

/**
 * Speech, face and joints stay in step: over a 10 s performance every face frame and every joint target is
 * compared with the moment the simulated sound card played the audio of the same instant (from the simulator's
 * recorded timestamps). The sound card's clock runs 3,000 ppm fast, so a performance that kept to the monotonic
 * clock alone would end 30 ms adrift of its voice.
 */
class PerformanceTimingTest {

    private static final double FAST_SOUND_CARD_PPM = 3_000;
    private static final long MAX_DRIFT_NANOS = 20_000_000;

    @Test
    void overTenSeconds_faceAndJointsDriftFromTheVoiceByNoMoreThan20Milliseconds() {
        Stage stage = new Stage(FAST_SOUND_CARD_PPM);

        assertThat(stage.performer.perform(TestPlans.nodding(10.0)).await()).isEqualTo(Ending.COMPLETED);

        Recording recording = stage.recording();
        Recording.PlaybackStarted voice = recording.playbacks().getFirst();
        List<long[]> faceOffsets = offsets(recording.faces(), Recording.FaceShown::nanos,
                f -> voice.nanosAtAudio(f.atUs()));
        List<long[]> jointOffsets = offsets(recording.joints(), Recording.JointsSent::nanos,
                j -> voice.nanosAtAudio(j.atUs()));

        assertThat(faceOffsets).hasSizeGreaterThanOrEqualTo(290);
        assertThat(jointOffsets).hasSizeGreaterThanOrEqualTo(500);
        report("face", faceOffsets);
        report("joints", jointOffsets);
        for (int second = 0; second < 10; second++) {
            assertThat(Math.abs(medianIn(faceOffsets, second))).as("face drift in second %d", second)
                    .isLessThanOrEqualTo(MAX_DRIFT_NANOS);
            assertThat(Math.abs(medianIn(jointOffsets, second))).as("joint drift in second %d", second)
                    .isLessThanOrEqualTo(MAX_DRIFT_NANOS);
        }
        // the speaker ran fast by 30 ms over the 10 s; the face kept up with it rather than with the wall clock
        long lastVoice = voice.nanosAtAudio(9_900_000);
        long wallClockWouldSay = voice.nanos() + 9_900_000_000L;
        assertThat(wallClockWouldSay - lastVoice).isGreaterThan(25_000_000L);
    }

    /** For each event: when the voice reached its instant (ns), and how much later than that it happened (ns). */
    private static <T> List<long[]> offsets(List<T> events, ToLongFunction<T> happened, ToLongFunction<T> voiced) {
        List<long[]> offsets = new ArrayList<>();
        for (T event : events) {
            long voicedAt = voiced.applyAsLong(event);
            offsets.add(new long[] {voicedAt, happened.applyAsLong(event) - voicedAt});
        }
        return offsets;
    }

    private static long medianIn(List<long[]> offsets, int second) {
        long first = offsets.getFirst()[0];
        long[] window = offsets.stream().filter(o -> (o[0] - first) / 1_000_000_000L == second)
                .mapToLong(o -> o[1]).sorted().toArray();
        return window.length == 0 ? 0 : window[window.length / 2];
    }

    private static void report(String what, List<long[]> offsets) {
        long[] sorted = offsets.stream().mapToLong(o -> Math.abs(o[1])).sorted().toArray();
        System.out.printf("%s: %d events, |offset from the voice| p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "median offset in the first second %.1f ms, in the last %.1f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6, medianIn(offsets, 0) / 1e6, medianIn(offsets, 9) / 1e6);
    }
}
