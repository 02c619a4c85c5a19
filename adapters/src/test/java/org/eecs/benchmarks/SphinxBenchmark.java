package org.eecs.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
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
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The embedded Sphinx4 adapter, as the application wires it (default settings), on the 7.10 s LibriVox recording
 * from Debian's pocketsphinx-testdata. Real-time factor = score / 7100 ms; target RTF <= 1.0. The fork runs with
 * a 1.5 GB heap cap (so exceeding it fails loudly) and prints the peak heap the JVM saw at the end.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx1536m")
@State(Scope.Benchmark)
public class SphinxBenchmark {

    static final Path RECORDING = Path.of(
            "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");

    private AnnotationConfigApplicationContext spring;
    private TranscribeSpeech sphinx;
    private SpeechAudio audio;

    @Setup(Level.Trial)
    public void load() throws Exception {
        if (!Files.isRegularFile(RECORDING)) {
            throw new IllegalStateException("install the Debian package pocketsphinx-testdata for " + RECORDING);
        }
        audio = new SpeechAudio(Files.readAllBytes(RECORDING));
        spring = new AnnotationConfigApplicationContext(
                Class.forName("org.eecs.adapter.out.speech.SpeechConfiguration"));
        sphinx = spring.getBean(TranscribeSpeech.class);
        long start = System.nanoTime();
        String text = sphinx.transcribe(audio, Locale.ENGLISH).text();
        System.out.printf("%nfirst use (loading the models) and one recognition: %d ms: %s%n",
                (System.nanoTime() - start) / 1_000_000, text);
    }

    @Benchmark
    public String recognize7100ms() {
        return sphinx.transcribe(audio, Locale.ENGLISH).text();
    }

    @TearDown(Level.Trial)
    public void report() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%npeak heap used: %d MB (max %d MB)%n", peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        spring.close();
    }
}
