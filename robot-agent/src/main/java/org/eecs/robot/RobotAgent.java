package org.eecs.robot;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.eecs.perception.audio.WavDecoder;
import org.eecs.robot.backend.AccessTokens;
import org.eecs.robot.backend.BackendRefused;
import org.eecs.robot.backend.BackendUnreachable;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.RobotBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.body.simulator.SimulatorPage;
import org.eecs.robot.perform.Ending;
import org.eecs.robot.perform.Performance;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.plan.PerformancePlan;
import org.eecs.robot.plan.PlanReader;
import org.eecs.robot.plan.SpokenLine;
import org.eecs.robot.plan.UnreadablePlan;
import org.eecs.robot.settings.InvalidSettings;
import org.eecs.robot.turn.TurnLoop;

/**
 * The robot agent's entry point (docs/robot-agent.md).
 *
 * <pre>
 * eecs-robot-agent [--config robot-agent.yaml] run              serve this robot's care sessions until stopped
 * eecs-robot-agent [--config robot-agent.yaml] check            the backend's health, and a token for this robot
 * eecs-robot-agent [--config robot-agent.yaml] simulator        the simulator's page, the body at rest, until stopped
 * eecs-robot-agent [--config robot-agent.yaml] perform FILE [--stay]
 *                                   performs a plan (.json, its wire form) or says a recording (.wav) on the body
 * </pre>
 *
 * The settings file defaults to {@code EECS_AGENT_CONFIG}, then {@code ./robot-agent.yaml} if there is one; every
 * setting may come from the environment instead. Exit status: 0 done, 1 a setting, file or plan is wrong, 2 the
 * backend or Keycloak cannot be reached or is not healthy.
 */
public final class RobotAgent {

    static final String DEFAULT_BACKEND = "http://127.0.0.1:8080";

    private final HttpClient http;
    private final PrintStream out;

    RobotAgent(HttpClient http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        }
        System.exit(new RobotAgent(httpClient(), System.out).run(List.of(args), System::getenv));
    }

    /** HTTP/1.1, as the backend's robot API and its WebSocket speak it. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    int run(List<String> args, Function<String, String> environment) throws InterruptedException {
        List<String> rest = new ArrayList<>(args);
        Path config = null;
        int at = rest.indexOf("--config");
        if (at >= 0 && at + 1 < rest.size()) {
            config = Path.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        } else if (environment.apply("EECS_AGENT_CONFIG") != null) {
            config = Path.of(environment.apply("EECS_AGENT_CONFIG"));
        } else if (Files.isRegularFile(Path.of("robot-agent.yaml"))) {
            config = Path.of("robot-agent.yaml");
        }
        String command = rest.isEmpty() ? "help" : rest.removeFirst();
        try {
            AgentSettings settings = AgentSettings.load(config, environment);
            return switch (command) {
                case "run" -> serve(settings);
                case "check" -> check(settings);
                case "simulator" -> simulator(settings);
                case "perform" -> perform(settings, rest);
                default -> usage();
            };
        } catch (InvalidSettings | UnreadablePlan | IllegalArgumentException | IllegalStateException e) {
            out.println("cannot " + command + ": " + e.getMessage());
            return 1;
        }
    }

    private int usage() {
        out.println("""
                usage: eecs-robot-agent [--config robot-agent.yaml] COMMAND
                  run                     serve this robot's care sessions: wait for one, listen, answer, perform;
                                          until stopped (Ctrl-C), or until the microphone's recording has played
                  check                   is the backend up, and does Keycloak give this robot a token?
                  simulator               serve the simulator's page (the body at rest) until stopped
                  perform FILE [--stay]   perform a plan (.json, docs/robot-protocol.md) or say a recording (.wav)
                                          on the configured body; --stay keeps the simulator's page up afterwards
                settings: robot-agent.yaml (or EECS_AGENT_CONFIG), each overridable as EECS_AGENT_<SETTING>""");
        return 1;
    }

    /** The {@code run} command; Ctrl-C stops the agent and waits for it to close (the body at rest, devices freed). */
    private int serve(AgentSettings settings) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread stopper = null;
        try (RunningAgent agent = RunningAgent.assemble(settings, http)) {
            stopper = new Thread(() -> {
                agent.stop();
                awaitQuietly(closed);
            }, "agent-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            out.println(agent + ": waiting for its sessions (Ctrl-C stops it)"
                    + agent.simulatorPage().map(page -> "; the simulator is at " + page).orElse(""));
            TurnLoop.End end = agent.run();
            out.println(end == TurnLoop.End.MICROPHONE_ENDED ? "the microphone's recording has been played" : "stopped");
            return 0;
        } catch (AccessTokens.CredentialsRefused | BackendRefused refused) {
            out.println(refused.getMessage());
            return 1;
        } finally {
            closed.countDown();
            if (stopper != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running, and has just seen the agent closed
                }
            }
        }
    }

    private static void awaitQuietly(CountDownLatch closed) {
        try {
            closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int check(AgentSettings settings) {
        int status = checkBackend(settings.backendUrl());
        if (settings.hasClientSecret()) {
            try {
                AccessTokens tokens = settings.tokens(http);
                tokens.current();
                out.println("Keycloak issued a token to this robot");
            } catch (AccessTokens.CredentialsRefused e) {
                out.println(e.getMessage());
                return 1;
            } catch (BackendUnreachable e) {
                out.println(e.getMessage());
                return 2;
            }
        } else {
            out.println("no Keycloak client secret set (EECS_AGENT_KEYCLOAK_CLIENT_SECRET): token not checked");
        }
        return status;
    }

    /** Asks the backend's health endpoint and tells what it answered; 0 when UP, 2 otherwise. */
    int checkBackend(URI backend) {
        URI health = backend.resolve("/actuator/health");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            out.println("backend " + backend + (up ? " is UP" : " is not healthy: HTTP " + response.statusCode()
                    + " " + response.body()));
            return up ? 0 : 2;
        } catch (IOException e) {
            out.println("backend " + backend + " cannot be reached: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted while asking " + health);
            return 2;
        }
    }

    private int simulator(AgentSettings settings) throws InterruptedException {
        RobotProfile profile = settings.profile();
        EmergencyStop emergencyStop = new EmergencyStop();
        SimulatedBody body = settings.simulatedBody(profile);
        try (SimulatorPage page = settings.simulator(body, emergencyStop)) {
            out.println("the simulator of " + profile.name() + " is at " + page.uri() + " (Ctrl-C stops it)");
            waitForShutdown();
        }
        return 0;
    }

    private int perform(AgentSettings settings, List<String> args) throws InterruptedException {
        if (args.isEmpty()) {
            return usage();
        }
        Path file = Path.of(args.getFirst());
        boolean stay = args.contains("--stay");
        PerformancePlan plan = read(file);
        RobotProfile profile = settings.profile();
        EmergencyStop emergencyStop = new EmergencyStop();
        SimulatedBody simulated = null;
        SimulatorPage page = null;
        RobotBody body;
        if (settings.bodyKind().equals("simulator")) {
            simulated = settings.simulatedBody(profile);
            page = settings.simulator(simulated, emergencyStop);
            out.println("watch it at " + page.uri());
            body = simulated;
        } else {
            body = settings.rosbridge(profile, emergencyStop);
        }
        try (body) {
            Performer performer = new Performer(new GuardedBody(body, profile, emergencyStop), settings.performance());
            emergencyStop.whenReset(performer::returnToRest);
            out.println("performing \"" + plan.response().text() + "\" (" + plan.durationUs() / 1000 + " ms) on "
                    + body.describe());
            Performance performance = performer.perform(plan);
            Ending ending = performance.await();
            out.println("performed: " + ending.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + performance.motionFault().map(f -> "; not moved: " + f).orElse(""));
            if (simulated != null) {
                out.println("the simulator recorded " + simulated.recording());
            }
            if (stay && page != null) {
                out.println("the page stays at " + page.uri() + " (Ctrl-C stops it)");
                waitForShutdown();
            }
            return ending == Ending.COMPLETED ? 0 : 1;
        } finally {
            if (page != null) {
                page.close();
            }
        }
    }

    private static PerformancePlan read(Path file) {
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
                return SpokenLine.of(file.getFileName().toString(), new WavDecoder().decode(file));
            }
            return new PlanReader().read(Files.readAllBytes(file));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void waitForShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
    }
}
