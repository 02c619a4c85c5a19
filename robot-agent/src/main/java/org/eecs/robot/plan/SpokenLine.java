package org.eecs.robot.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavDecoder;

/**
 * A plan for a recorded line the agent says on its own (the watchdog's "give me a moment"), made on the robot from
 * the recording alone: the jaw follows the loudness of each 1/30 s of audio, with a fast attack and a slower
 * release; nothing else of the face moves, and the plan has no motion, so the body goes to (or stays in) its safe
 * idle pose meanwhile.
 */
public final class SpokenLine {

    public static final String BUNDLED = "/voice/give-me-a-moment.wav";
    static final int FRAMES_PER_SECOND = 30;

    private SpokenLine() {
    }

    public static PcmAudio bundled() {
        try (InputStream in = SpokenLine.class.getResourceAsStream(BUNDLED)) {
            return new WavDecoder().decode(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled line " + BUNDLED + " cannot be read", e);
        }
    }

    public static PerformancePlan of(String words, PcmAudio audio) {
        float[] s = audio.samples();
        int perFrame = audio.sampleRate() / FRAMES_PER_SECOND;
        int frames = (int) Math.ceil(s.length / (double) perFrame);
        double[] rms = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int from = f * perFrame;
            int to = Math.min(s.length, from + perFrame);
            for (int i = from; i < to; i++) {
                sum += s[i] * s[i];
            }
            rms[f] = Math.sqrt(sum / Math.max(1, to - from));
        }
        double[] sorted = rms.clone();
        Arrays.sort(sorted);
        double loud = frames == 0 ? 1 : Math.max(1e-4, sorted[(int) Math.floor(0.95 * (frames - 1))]);
        float[] jaw = new float[frames];
        double open = 0;
        for (int f = 0; f < frames; f++) {
            double target = Math.min(1, rms[f] / loud) * 0.7;
            open += (target - open) * (target > open ? 0.7 : 0.45);
            jaw[f] = (float) open;
        }
        long durationUs = s.length * 1_000_000L / audio.sampleRate();
        return new PerformancePlan(durationUs, new PerformancePlan.Response(words, "neutral", "neutral", "none"),
                new PerformancePlan.Speech(0, audio, List.of()),
                new PerformancePlan.Face(0, FRAMES_PER_SECOND, List.of("jawOpen"), frames, jaw), Optional.empty());
    }
}
