package org.eecs.adapter.out.generation;

import org.eecs.domain.performance.Speech;

/** The bundled files and one FreeTTS voice for all tests of this JVM: the voice takes a second to load. */
final class Voice {

    static final GenerationFiles FILES = GenerationFiles.bundled();
    private static FreeTtsSpeech speech;

    private Voice() {
    }

    static synchronized FreeTtsSpeech freeTts() {
        if (speech == null) {
            speech = new FreeTtsSpeech(FILES.prosody());
        }
        return speech;
    }

    /** The RMS of the samples in [from, to). */
    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = samples[i] / 32768.0;
            sum += x * x;
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }

    static double pearson(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * The median fundamental frequency of the voiced parts, in Hz: 40 ms frames every 10 ms, each frame's
     * normalised autocorrelation searched for its peak between 60 and 300 Hz; a frame counts as voiced when it is
     * loud (RMS over a tenth of the loudest frame's) and periodic (peak over 0.5).
     */
    static double medianPitch(Speech speech) {
        short[] s = speech.samples();
        int frame = 640;
        int hop = 160;
        double loudest = 0;
        for (int at = 0; at + frame <= s.length; at += hop) {
            loudest = Math.max(loudest, rms(s, at, at + frame));
        }
        java.util.List<Double> pitches = new java.util.ArrayList<>();
        for (int at = 0; at + frame <= s.length; at += hop) {
            if (rms(s, at, at + frame) < loudest / 10) {
                continue;
            }
            double energy = 0;
            for (int i = at; i < at + frame; i++) {
                energy += (double) s[i] * s[i];
            }
            double best = 0;
            int bestLag = 0;
            for (int lag = Speech.SAMPLE_RATE / 300; lag <= Speech.SAMPLE_RATE / 60; lag++) {
                double sum = 0;
                for (int i = at; i + lag < at + frame; i++) {
                    sum += (double) s[i] * s[i + lag];
                }
                double normalised = sum / energy;
                if (normalised > best) {
                    best = normalised;
                    bestLag = lag;
                }
            }
            if (best > 0.5) {
                pitches.add((double) Speech.SAMPLE_RATE / bestLag);
            }
        }
        java.util.Collections.sort(pitches);
        return pitches.get(pitches.size() / 2);
    }
}
