package org.eecs.adapter.in.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eecs.EecsApplication;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.EvaluatingCare;
import org.eecs.application.port.in.EvaluatingCare.Evaluate;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.application.port.in.EvaluatingCare.Scenario;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.io.Resource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the evaluation harness from the command line (docs/evaluation.md): reads and checks the scenarios, starts the
 * whole server on a fresh embedded PostgreSQL in a temporary folder (never the hospital's database: the patients
 * are role-played), plays the scenarios with and without the emotion input, writes the files, and stops. The
 * models are the server's: the embedded ones, and the language model when {@code EECS_REASONING_LLM_*} configures one.
 *
 * <pre>
 * evaluate [--scenarios bundled|FILE|FOLDER]... [--out FOLDER] [--judge] [--seed N]
 * </pre>
 * Exit status 0 when the files are written, 2 for a mistake in the arguments or the scenarios, 1 for anything else.
 */
public final class EvaluationCommand {

    static final String ACTOR = "eecs-evaluation";

    private EvaluationCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // the server's own threads would otherwise keep the process alive
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        List<Scenario> scenarios;
        try {
            options = Options.parse(args);
            ScenarioFiles files = new ScenarioFiles(Espeak.onPath());
            List<Resource> found = new ArrayList<>();
            options.scenarios().forEach(location -> found.addAll(ScenarioFiles.at(location)));
            scenarios = files.read(found);
        } catch (InvalidScenario | IllegalArgumentException mistake) {
            err.println("evaluate: " + mistake.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        out.println("Playing " + scenarios.size() + " scenarios: " + String.join(", ",
                scenarios.stream().map(Scenario::id).toList()));
        Path database = null;
        try {
            database = Files.createTempDirectory("eecs-evaluation-");
            try (ConfigurableApplicationContext server = start(database)) {
                Caller administrator = new Caller(new Actor(ACTOR, Role.ADMIN), null, null, "evaluation");
                Caller clinician = new Caller(new Actor(ACTOR, Role.CLINICIAN), null, null, "evaluation");
                Evaluation evaluation = server.getBean(EvaluatingCare.class).evaluate(new Evaluate(administrator,
                        clinician, scenarios, options.judge()));
                List<Path> written = EvaluationFiles.write(evaluation, options.out(), options.seed());
                out.println("Written to " + options.out().toAbsolutePath() + ":");
                written.forEach(file -> out.println("  " + options.out().relativize(file)));
                out.println("The rating sheet's order was drawn with --seed " + options.seed() + ".");
                out.println("Give the raters " + EvaluationFiles.SHEET_HTML + " or " + EvaluationFiles.SHEET_CSV
                        + " only; " + EvaluationFiles.KEY_CSV + " says which answer is which.");
                return 0;
            }
        } catch (Conflict refused) {
            err.println("evaluate: " + refused.getMessage());
            return 2;
        } catch (IOException | RuntimeException failed) {
            err.println("evaluate: the run failed: " + failed);
            failed.printStackTrace(err);
            return 1;
        } finally {
            delete(database);
        }
    }

    /** The server on its own embedded database, listening on the loopback only, on a free port. */
    private static ConfigurableApplicationContext start(Path folder) {
        return new SpringApplicationBuilder(EecsApplication.class).run(
                "--spring.datasource.url=",
                "--eecs.embedded-postgres.data-directory=" + folder.resolve("postgres"),
                "--eecs.fhir.export.directory=" + folder.resolve("fhir-export"),
                "--eecs.audit.exports.directory=" + folder.resolve("audit-exports"),
                "--server.address=127.0.0.1",
                "--server.port=0");
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    /**
     * @param scenarios where the scenario files are: {@code bundled}, files or folders
     * @param out       where the files are written
     * @param seed      draws the order of the answers on the rating sheet
     */
    record Options(List<String> scenarios, Path out, boolean judge, long seed) {

        static final String USAGE = "usage: evaluate [--scenarios bundled|FILE|FOLDER]... [--out FOLDER] [--judge] "
                + "[--seed N]";

        static Options parse(String[] args) {
            List<String> scenarios = new ArrayList<>();
            Path out = null;
            boolean judge = false;
            long seed = System.nanoTime();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scenarios" -> scenarios.add(value(args, ++i, "--scenarios"));
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--judge" -> judge = true;
                    case "--seed" -> {
                        String given = value(args, ++i, "--seed");
                        try {
                            seed = Long.parseLong(given);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--seed takes a whole number, got " + given);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (scenarios.isEmpty()) {
                scenarios.add(ScenarioFiles.BUNDLED);
            }
            if (out == null) {
                out = Path.of("target", "evaluation",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")));
            }
            return new Options(List.copyOf(scenarios), out, judge, seed);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
