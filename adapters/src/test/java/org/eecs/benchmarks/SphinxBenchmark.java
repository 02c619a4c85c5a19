package org.eecs.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.perception.audio.WavDecoder;
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
 * from Debian's pocketsphinx-testdata. {@code recognize7100ms}: the whole recording at once; real-time factor =
 * score / 7100 ms, target RTF <= 1.0. {@code tailAfterTheLastWord}: the recording streamed in 100 ms pieces at the
 * speaking pace (not timed), then the time from the end of speech to the transcript, which is what a patient
 * waits for. The fork runs with a 1.5 GB heap cap (so exceeding it fails loudly) and prints the peak heap the JVM
 * saw at the end.
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
    private byte[] pcm;

    @Setup(Level.Trial)
    public void load() throws Exception {
        if (!Files.isRegularFile(RECORDING)) {
            throw new IllegalStateException("install the Debian package pocketsphinx-testdata for " + RECORDING);
        }
        audio = new SpeechAudio(Files.readAllBytes(RECORDING));
        pcm = new WavDecoder().decode(audio.wav()).toPcm16LittleEndian();
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

    /** A patient speaking: the recording heard piece by piece at its own pace, before each timed call. */
    @State(Scope.Thread)
    public static class Speaking {

        TranscribeSpeech.Listening listening;

        @Setup(Level.Invocation)
        public void speak(SphinxBenchmark benchmark) throws InterruptedException {
            byte[] pcm = benchmark.pcm;
            listening = benchmark.sphinx.listen(Locale.ENGLISH);
            long start = System.nanoTime();
            for (int at = 0, piece = 0; at < pcm.length; at += PIECE_BYTES, piece++) {
                listening.hear(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + PIECE_BYTES)));
                long due = start + (piece + 1) * 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }

        @TearDown(Level.Invocation)
        public void stop() {
            listening.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 8)
    public String tailAfterTheLastWord(Speaking patient) {
        return patient.listening.finish().text();
    }

    private static final int PIECE_BYTES = 3200; // 100 ms of 16 kHz 16-bit mono


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
