package org.eecs.adapter.in.evaluation;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Speaks a scenario's words with espeak-ng (Debian package espeak-ng) when the recording it names is absent: a
 * synthetic voice, so what speech recognition makes of it says little about real patients (docs/evaluation.md).
 */
final class Espeak {

    static final String PROGRAM = "espeak-ng";

    private final Optional<Path> program;

    private Espeak(Optional<Path> program) {
        this.program = program;
    }

    /** espeak-ng as found on the PATH, if it is there. */
    static Espeak onPath() {
        String path = System.getenv("PATH");
        return new Espeak(path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, PROGRAM))
                .filter(Files::isExecutable)
                .findFirst());
    }

    boolean available() {
        return program.isPresent();
    }

    /** What the voice is called, for the record of where a turn's audio came from. */
    String voice(String language) {
        return PROGRAM + " -v " + language;
    }

    /**
     * @param language a BCP-47 tag; espeak-ng's voice of that name
     * @return a WAV file of the words, in espeak-ng's own rate (22,050 Hz mono)
     */
    byte[] speak(String words, String language) {
        Path executable = program.orElseThrow(() -> new IllegalStateException(PROGRAM + " is not installed"));
        Path wav = null;
        try {
            // a file, not stdout: a WAV written to a pipe cannot go back to fill in its sizes
            wav = Files.createTempFile("eecs-scenario-", ".wav");
            // the words go in on stdin, so that nothing in them can pass for an option
            Process process = new ProcessBuilder(List.of(executable.toString(), "-v", language, "-s", "150",
                    "--stdin", "-w", wav.toString())).redirectErrorStream(true).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process));
            try (OutputStream in = process.getOutputStream()) {
                in.write(words.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(PROGRAM + " took longer than a minute");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(PROGRAM + " failed (exit " + process.exitValue() + "): "
                        + new String(output.join(), StandardCharsets.UTF_8).strip());
            }
            return Files.readAllBytes(wav);
        } catch (IOException e) {
            throw new IllegalStateException(PROGRAM + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + PROGRAM + " spoke", e);
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
