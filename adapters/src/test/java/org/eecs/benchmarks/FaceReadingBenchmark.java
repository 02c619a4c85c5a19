package org.eecs.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eecs.adapter.out.recognition.face.FaceRecognitionBenchmarkAccess;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.VideoClip;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Facial expression recognition with the shipped models (BlazeFace front 256 + FER2013 mini-Xception), through
 * the adapter's port: per 640x480 JPEG frame (decode, detect, align, classify, aggregate) and per 16-frame clip
 * (the frames shifted by a pixel each, so no two are the same bytes). The stages one by one on the same frame:
 * {@code decode} (JPEG decode alone), {@code detect} (BlazeFace with its letterboxing), {@code letterbox} (that
 * alone), {@code crop} (the eye-aligned crop), {@code classify1} and {@code classify16} (the expression model on 1
 * and on a batch of 16 crops). Targets (docs/benchmarks.md): <= 10 ms per frame, <= 120 ms per 16-frame clip.
 *
 * <p>{@code -p threads=1,2 -p detectEvery=1,2} compares settings (the stages always run with the defaults).
 * Besides JMH's wall-clock figure, every measurement iteration prints the process's CPU time per operation
 * (all threads: the caller, the frame workers, ONNX Runtime's): it depends little on what else the machine runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FaceReadingBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** ONNX Runtime's intra-op threads per model (eecs.recognition.face.threads). */
    @Param("1")
    public int threads;

    /** Faces detected on every n-th frame of a clip (eecs.recognition.face.detector.detect-every). */
    @Param("2")
    public int detectEvery;

    private RecognizeFacialExpression recognizer;
    private FaceRecognitionBenchmarkAccess.Stages stages;
    private byte[] frame;
    private VideoClip single;
    private VideoClip clip16;
    private long operations;
    private long cpuAtStart;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        recognizer = FaceRecognitionBenchmarkAccess.recognizer(threads, detectEvery);
        frame = FaceRecognitionBenchmarkAccess.frame640x480(0);
        stages = new FaceRecognitionBenchmarkAccess.Stages(frame);
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        single = new VideoClip(List.of(new VideoClip.Frame(t0, frame)));
        List<VideoClip.Frame> frames = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            frames.add(new VideoClip.Frame(t0.plusMillis(66L * i), FaceRecognitionBenchmarkAccess.frame640x480(i)));
        }
        clip16 = new VideoClip(frames);
        if (!(recognizer.recognize(clip16) instanceof FaceReading.Expression)) {
            throw new IllegalStateException("the benchmark clip must show a face");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        ((AutoCloseable) recognizer).close();
        stages.close();
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        operations = 0;
        cpuAtStart = OS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime(BenchmarkParams benchmark, IterationParams iteration) {
        long cpu = OS.getProcessCpuTime() - cpuAtStart;
        if (operations > 0) {
            System.out.printf(" [%s %s: process CPU %.3f ms/op, load %.1f] ", benchmark.getBenchmark()
                            .replaceAll(".*\\.", ""), iteration.getType().toString().toLowerCase(),
                    cpu / 1e6 / operations, OS.getSystemLoadAverage());
        }
    }

    @Benchmark
    public int decode() throws Exception {
        operations++;
        return FaceRecognitionBenchmarkAccess.decode(frame);
    }

    @Benchmark
    public int detect() {
        operations++;
        return stages.detect();
    }

    @Benchmark
    public float letterbox() {
        operations++;
        return stages.letterbox();
    }

    @Benchmark
    public float[] crop() {
        operations++;
        return stages.crop();
    }

    @Benchmark
    public double[][] classify1() {
        operations++;
        return stages.classify(1);
    }

    @Benchmark
    public double[][] classify16() {
        operations++;
        return stages.classify(16);
    }

    @Benchmark
    public FaceReading frame() {
        operations++;
        return recognizer.recognize(single);
    }

    @Benchmark
    public FaceReading clip16() {
        operations++;
        return recognizer.recognize(clip16);
    }
}
