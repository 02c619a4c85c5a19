package org.eecs.adapter.out.speech;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real speech for the ASR tests, from Debian packages CI installs: espeak-ng (synthetic) and pocketsphinx-testdata
 * (LibriVox recordings with transcripts). Without them the tests that need them are skipped, saying which.
 */
public final class SpeechSamples {

    static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox");
    private static final Pattern LINE = Pattern.compile("<s>\\s*(.*?)\\s*</s>\\s*\\((.+)\\)");

    private SpeechSamples() {
    }

    static boolean librivoxAvailable() {
        return Files.isRegularFile(LIBRIVOX.resolve("transcription"));
    }

    /** The recordings (16 kHz mono WAV) and what is said in them, in the transcription file's order. */
    static Map<Path, String> librivox() {
        assumeTrue(librivoxAvailable(), "pocketsphinx-testdata is not installed (Debian package "
                + "pocketsphinx-testdata): skipping the LibriVox recordings");
        try {
            Map<Path, String> recordings = new LinkedHashMap<>();
            for (String line : Files.readAllLines(LIBRIVOX.resolve("transcription"))) {
                Matcher m = LINE.matcher(line.strip());
                if (m.matches()) {
                    recordings.put(LIBRIVOX.resolve(m.group(2) + ".wav"), m.group(1));
                }
            }
            return recordings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An espeak-ng (US English voice) WAV of the text, at espeak's 22.05 kHz. */
    public static byte[] espeak(String text) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")),
                "espeak-ng is not installed (Debian package espeak-ng): skipping synthetic-speech tests");
        try {
            Path wav = Files.createTempFile("espeak", ".wav");
            try {
                Process process = new ProcessBuilder("/usr/bin/espeak-ng", "-v", "en-us", "-s", "150", "-w",
                        wav.toString(), text).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("espeak-ng failed: " + output);
                }
                return Files.readAllBytes(wav);
            } finally {
                Files.deleteIfExists(wav);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
