package org.eecs.adapter.in.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's arguments and the scenarios are checked before any server starts. */
class EvaluationCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvaluationCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void withoutArguments_theBundledScenariosAreWrittenUnderTarget() {
        EvaluationCommand.Options options = EvaluationCommand.Options.parse(new String[0]);

        assertThat(options.scenarios()).containsExactly(ScenarioFiles.BUNDLED);
        assertThat(options.out().toString()).startsWith("target/evaluation/");
        assertThat(options.judge()).isFalse();
    }

    @Test
    void theArgumentsAreRead() {
        EvaluationCommand.Options options = EvaluationCommand.Options.parse(new String[] {"--scenarios", "a.yaml",
                "--scenarios", "more", "--out", "/tmp/run", "--judge", "--seed", "42"});

        assertThat(options.scenarios()).containsExactly("a.yaml", "more");
        assertThat(options.out()).isEqualTo(Path.of("/tmp/run"));
        assertThat(options.judge()).isTrue();
        assertThat(options.seed()).isEqualTo(42);
    }

    @Test
    void anUnknownArgument_exitsWith2AndTheUsage() {
        assertThat(run("--fast")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("evaluate: unknown argument --fast")
                .contains("usage: evaluate [--scenarios bundled|FILE|FOLDER]...");
        assertThat(run("--seed", "soon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seed takes a whole number, got soon");
    }

    @Test
    void aMistakeInAScenario_exitsWith2NamingIt_beforeAnythingStarts(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.yaml"), """
                format: eecs-scenario/1
                id: bad
                emotion: boredom
                title: t
                careGoal: g
                turns: [{say: Hi.}]
                """);

        assertThat(run("--scenarios", file.toString(), "--out", folder.resolve("out").toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ", line 3, emotion: \"boredom\" is not a "
                + "care state");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(folder.resolve("out")).doesNotExist();
    }
}
