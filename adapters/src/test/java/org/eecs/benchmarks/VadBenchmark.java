package org.eecs.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eecs.perception.vad.SileroVad;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Silero VAD v5: one 32 ms frame (512 samples at 16 kHz) through a stream, context and state carried over as in
 * real use. Target: at most 0.3 ms a frame (1% of real time).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class VadBenchmark {

    private SileroVad vad;
    private SileroVad.Stream stream;
    private float[][] frames;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        vad = SileroVad.load(1);
        stream = vad.newStream();
        Random random = new Random(1);
        frames = new float[32][SileroVad.FRAME];
        for (int f = 0; f < frames.length; f++) {
            for (int i = 0; i < SileroVad.FRAME; i++) {
                // a voiced-like mix of harmonics with noise, changing from frame to frame
                double t = (f * SileroVad.FRAME + i) / 16_000.0;
                frames[f][i] = (float) (0.2 * Math.sin(2 * Math.PI * 140 * t) + 0.1 * Math.sin(2 * Math.PI * 280 * t)
                        + 0.05 * Math.sin(2 * Math.PI * 1200 * t) + 0.01 * random.nextGaussian());
            }
        }
    }

    @Benchmark
    public float frame() {
        float[] frame = frames[next];
        next = (next + 1) % frames.length;
        return stream.probability(frame);
    }

    @TearDown(Level.Trial)
    public void close() {
        vad.close();
    }
}
