package org.eecs.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eecs.adapter.out.recognition.text.SentenceEmbeddingTextCues;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.EmotionObservation;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Text cues for one sentence (embed it with all-MiniLM-L6-v2, compare with every exemplar, softmax), after the model
 * and the exemplar embeddings are loaded. Target: at most 10 ms per sentence.
 * Run: ./mvnw -B -o -pl adapters -am -DskipTests test-compile exec:exec@bench -Dbench=TextCues
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TextCuesBenchmark {

    private static final TimeWindow WINDOW = TimeWindow.of(Instant.parse("2026-11-25T10:00:00Z"),
            Duration.ofSeconds(3));

    private SentenceEmbeddingTextCues textCues;

    @Setup(Level.Trial)
    public void load() {
        textCues = SentenceEmbeddingTextCues.withBundledExemplars();
        Duration loadTime = textCues.load();
        System.out.println("text cues loaded in " + loadTime.toMillis() + " ms");
    }

    @Benchmark
    public EmotionObservation oneSentence() {
        return textCues.cuesIn("I feel overwhelmed and don't know what to do.", WINDOW).orElseThrow();
    }
}
