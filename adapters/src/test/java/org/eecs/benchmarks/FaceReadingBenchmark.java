package org.eecs.benchmarks;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Facial expression recognition with the shipped models (BlazeFace front 256 + FER2013 mini-Xception), through
 * the adapter's port: per 640x480 JPEG frame (decode, detect, align, classify, aggregate) and per 16-frame clip
 * (the frames shifted by a pixel each, so no two are the same bytes). {@code decode} is the JPEG decode alone.
 * Targets (docs/benchmarks.md): <= 10 ms per frame, <= 120 ms per 16-frame clip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FaceReadingBenchmark {

    private RecognizeFacialExpression recognizer;
    private byte[] frame;
    private VideoClip single;
    private VideoClip clip16;

    @Setup(Level.Trial)
    public void setUp() {
        recognizer = FaceRecognitionBenchmarkAccess.recognizer();
        frame = FaceRecognitionBenchmarkAccess.frame640x480(0);
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
    }

    @Benchmark
    public int decode() throws Exception {
        return FaceRecognitionBenchmarkAccess.decode(frame);
    }

    @Benchmark
    public FaceReading frame() {
        return recognizer.recognize(single);
    }

    @Benchmark
    public FaceReading clip16() {
        return recognizer.recognize(clip16);
    }
}
