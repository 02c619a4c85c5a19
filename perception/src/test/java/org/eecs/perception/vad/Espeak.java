package org.eecs.perception.vad;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavDecoder;

/** Real synthetic speech from the Debian package espeak-ng (CI installs it; without it the tests are skipped). */
final class Espeak {

    private Espeak() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/espeak-ng"));
    }

    /** The utterance at 16 kHz, with espeak's own leading and trailing silence cut off. */
    static PcmAudio say(String text) {
        assumeTrue(available(), "espeak-ng is not installed (Debian package espeak-ng): skipping real-speech tests");
        try {
            Path wav = Files.createTempFile("espeak", ".wav");
            try {
                Process process = new ProcessBuilder("/usr/bin/espeak-ng", "-v", "en-us", "-w", wav.toString(), text)
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("espeak-ng failed: " + output);
                }
                return trim(new WavDecoder().decode(wav));
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static PcmAudio trim(PcmAudio audio) {
        float[] s = audio.samples();
        int first = 0;
        while (first < s.length && Math.abs(s[first]) < 0.003f) {
            first++;
        }
        int last = s.length - 1;
        while (last > first && Math.abs(s[last]) < 0.003f) {
            last--;
        }
        return PcmAudio.of16kHz(java.util.Arrays.copyOfRange(s, first, last + 1));
    }

    /** Silence (faint deterministic noise, about -66 dBFS) of the given length. */
    static float[] silence(double seconds, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] s = new float[(int) Math.round(seconds * 16_000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (random.nextGaussian() * 0.0005);
        }
        return s;
    }

    static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] p : parts) {
            length += p.length;
        }
        float[] all = new float[length];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
