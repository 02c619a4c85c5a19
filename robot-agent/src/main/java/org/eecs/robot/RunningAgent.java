package org.eecs.robot;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eecs.perception.vad.SileroVad;
import org.eecs.robot.backend.AccessTokens;
import org.eecs.robot.backend.RobotApiClient;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.RobotBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.body.simulator.SimulatorPage;
import org.eecs.robot.capture.Camera;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.capture.Microphone;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.perform.Watchdog;
import org.eecs.robot.turn.SessionLoop;
import org.eecs.robot.turn.TurnLoop;

/**
 * The agent at work (the {@code run} command, docs/robot-agent.md): the body, the capture sources, the backend's
 * robot API and the loops, built from the settings. {@link #run()} waits for this robot's sessions and holds their
 * conversations until {@link #stop()}, or until the microphone's source ends (a recording played to its end).
 */
public final class RunningAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunningAgent.class.getName());

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final String description;
    private SimulatedBody simulated;
    private SimulatorPage page;
    private SessionLoop day;
    private volatile Thread runner;
    private volatile boolean stopped;

    private RunningAgent(String description) {
        this.description = description;
    }

    /** The agent of this settings file (null: the environment alone) and environment, ready to {@link #run()}. */
    public static RunningAgent configured(Path settingsFile, Function<String, String> environment) {
        return assemble(AgentSettings.load(settingsFile, environment), RobotAgent.httpClient());
    }

    static RunningAgent assemble(AgentSettings settings, HttpClient http) {
        RobotApiClient.Settings api = settings.robotApi();
        AccessTokens tokens = settings.tokens(http);
        RunningAgent agent = new RunningAgent("robot " + settings.clientId() + " of backend " + api.backend());
        try {
            agent.build(settings, http, api, tokens);
            return agent;
        } catch (RuntimeException failed) {
            agent.close();
            throw failed;
        }
    }

    private void build(AgentSettings settings, HttpClient http, RobotApiClient.Settings api, AccessTokens tokens) {
        RobotProfile profile = settings.profile();
        EmergencyStop emergencyStop = new EmergencyStop();
        RobotBody body;
        if (settings.bodyKind().equals("simulator")) {
            simulated = keep(settings.simulatedBody(profile));
            page = keep(settings.simulator(simulated, emergencyStop));
            body = simulated;
        } else {
            body = keep(settings.rosbridge(profile, emergencyStop));
        }
        Performer performer = new Performer(new GuardedBody(body, profile, emergencyStop), settings.performance());
        emergencyStop.whenReset(performer::returnToRest);
        Watchdog watchdog = new Watchdog(performer, settings.watchdogLine(), settings.backendUnreachable(),
                Clock.systemUTC());
        CaptureClock clock = new CaptureClock();
        Microphone microphone = keep(settings.microphone(clock));
        Camera camera = keep(settings.camera(clock));
        SileroVad vad = keep(SileroVad.load());
        RobotApiClient backend = keep(new RobotApiClient(http, tokens, clock, api));
        TurnLoop conversation = new TurnLoop(microphone, camera, vad, backend, performer, watchdog, clock,
                settings.turn());
        day = new SessionLoop(backend, conversation, watchdog, settings.pollEvery());
    }

    /**
     * Serves this robot's sessions until stopped, or until the microphone's source has ended.
     *
     * @throws org.eecs.robot.backend.BackendRefused when the backend refuses this robot
     * @throws AccessTokens.CredentialsRefused when Keycloak refuses its credentials
     */
    public TurnLoop.End run() {
        runner = Thread.currentThread();
        try {
            return stopped ? TurnLoop.End.STOPPED : day.run();
        } catch (InterruptedException e) {
            return TurnLoop.End.STOPPED;
        } finally {
            runner = null;
            Thread.interrupted(); // a stop's interruption ends here
        }
    }

    /** Ends {@link #run()} soon: the loops stop, and a wait for the backend or the microphone is interrupted. */
    public void stop() {
        stopped = true;
        if (day != null) {
            day.stop();
        }
        Thread running = runner;
        if (running != null) {
            running.interrupt();
        }
    }

    public Optional<SimulatedBody> simulator() {
        return Optional.ofNullable(simulated);
    }

    /** The simulator's page, when the body is the simulator. */
    public Optional<URI> simulatorPage() {
        return Optional.ofNullable(page).map(SimulatorPage::uri);
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        stop();
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warning(() -> "closing " + resource + " failed: " + e);
            }
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        opened.push(resource);
        return resource;
    }
}
