package org.eecs.adapter.out.generation;

import org.eecs.application.generation.PreparingPerformance;

/** Opens the package-private generation adapters to the JMH benchmarks in org.eecs.benchmarks (test code only). */
public final class GenerationBenchmarkAccess {

    private GenerationBenchmarkAccess() {
    }

    /** Generation as the application wires it by default: the bundled files, FreeTTS (loaded here, once). */
    public static PreparingPerformance preparingPerformance() {
        GenerationFiles files = GenerationFiles.bundled();
        return new PreparingPerformance(new FreeTtsSpeech(files.prosody()), new AudioDrivenFace(files.profile()),
                new MinimumJerkMotion(files.profile(), files.motions()), files::abilities);
    }
}
