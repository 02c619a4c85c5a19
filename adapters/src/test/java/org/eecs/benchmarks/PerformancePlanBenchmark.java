package org.eecs.benchmarks;

import java.util.concurrent.TimeUnit;
import org.eecs.adapter.out.generation.GenerationBenchmarkAccess;
import org.eecs.application.generation.PreparingPerformance;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
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
 * The performance plan for a two-sentence care response (about 5 s of speech): FreeTTS speech in the tone's
 * prosody, the face timeline at 30 fps and the minimum-jerk trajectory at 100 Hz, with the voice already loaded.
 * Target: at most 50 ms.
 * Run: ./mvnw -pl adapters -am -DskipTests test-compile exec:exec@bench -Dbench=PerformancePlan
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PerformancePlanBenchmark {

    private static final CareResponse TWO_SENTENCES = new CareResponse(
            "You're not alone, I can help you step by step. Let's take a slow breath together.",
            Tone.ENCOURAGING, FacialExpression.SMILE, Motion.LEAN_FORWARD_AND_NOD);

    private PreparingPerformance generation;

    @Setup(Level.Trial)
    public void loadTheVoice() {
        generation = GenerationBenchmarkAccess.preparingPerformance();
        PreparingPerformance.PreparedPerformance first = generation.prepare(TWO_SENTENCES);
        System.out.println("plan of " + first.plan().duration().toMillis() + " ms: " + first.plan().speech() + ", "
                + first.plan().face() + ", " + first.plan().motion() + "; first stages " + first.latencies());
    }

    @Benchmark
    public PreparingPerformance.PreparedPerformance twoSentenceResponse() {
        return generation.prepare(TWO_SENTENCES);
    }
}
