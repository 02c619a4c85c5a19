package org.eecs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented command, {@code tools/eecs-verify-export}, runs the packaged verifier on a JDK 21 or newer that it
 * finds itself, whatever the default {@code java} (17 on the project's machines), and exits as the verifier does.
 */
class VerifyExportLauncherIT {

    /** SHA-256 of nothing. */
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir Path directory;

    @Test
    void itVerifiesAnExportOnAJdkItFinds_withTheDefaultJavaLeftAsItIs() throws Exception {
        Files.writeString(directory.resolve("e.ndjson"), "");
        Path manifest = Files.writeString(directory.resolve("e.manifest.json"), """
                {"manifest": "eecs-audit-export-manifest/v1", "export": "e", "kind": "AUDIT_EVENTS",
                 "format": "NDJSON", "gzip": false, "file": "e.ndjson", "bytes": 0, "sha256": "%s", "records": 0,
                 "events": 0, "firstSequence": null, "lastSequence": null, "anchorHash": null, "firstHash": null,
                 "lastHash": null, "linksChecked": true, "chain": {"intact": true, "eventsChecked": 0}}"""
                .formatted(EMPTY));

        Run verified = run(manifest.toString());
        Run withoutArguments = run();

        assertThat(verified.status()).as(verified.output()).isZero();
        assertThat(verified.output()).startsWith("OK: e.ndjson matches its manifest");
        assertThat(withoutArguments.status()).isEqualTo(2);
        assertThat(withoutArguments.output()).startsWith("usage: tools/eecs-verify-export");
    }

    private record Run(int status, String output) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = Path.of("eecs-verify-export").toAbsolutePath().toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME"); // the default java on the PATH, as a user's shell has it
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
