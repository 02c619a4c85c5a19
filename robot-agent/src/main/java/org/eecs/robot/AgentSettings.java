package org.eecs.robot;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.eecs.perception.audio.WavDecoder;
import org.eecs.perception.vad.SpeechSegmenter;
import org.eecs.robot.backend.AccessTokens;
import org.eecs.robot.backend.RobotApiClient;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.RobotBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.rosbridge.RosbridgeBody;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.body.simulator.SimulatorPage;
import org.eecs.robot.body.sound.SoundCardSpeaker;
import org.eecs.robot.capture.Camera;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.capture.FfmpegCamera;
import org.eecs.robot.capture.FolderCamera;
import org.eecs.robot.capture.Microphone;
import org.eecs.robot.capture.SoundCardMicrophone;
import org.eecs.robot.capture.WavMicrophone;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.plan.PerformancePlan;
import org.eecs.robot.plan.SpokenLine;
import org.eecs.robot.settings.SettingsTree;
import org.eecs.robot.turn.TurnLoop;

/**
 * The agent's settings file plus the environment (robot-agent.yaml, docs/robot-agent.md), and what is built from
 * them: the body, the capture sources, the tokens, the loop's settings. Every mistake stops the start naming the
 * file, the setting and the fault.
 */
final class AgentSettings {

    private final SettingsTree root;
    private final Path base;

    private AgentSettings(SettingsTree root, Path base) {
        this.root = root;
        this.base = base;
    }

    /** From {@code file} if given, else from the environment alone. */
    static AgentSettings load(Path file, Function<String, String> environment) {
        if (file == null) {
            return new AgentSettings(SettingsTree.empty(environment), Path.of("."));
        }
        Path absolute = file.toAbsolutePath();
        return new AgentSettings(SettingsTree.read(absolute, environment), absolute.getParent());
    }

    URI backendUrl() {
        return URI.create(root.at("backend").at("url").text("http://127.0.0.1:8080"));
    }

    Duration pollEvery() {
        return root.at("backend").at("poll-every").duration(Duration.ofSeconds(5));
    }

    /** How the agent speaks to the backend's robot API. */
    RobotApiClient.Settings robotApi() {
        SettingsTree backend = root.at("backend");
        RobotApiClient.Settings d = RobotApiClient.Settings.defaults(backendUrl());
        return new RobotApiClient.Settings(d.backend(), backend.at("stream-turns").flag(d.streamTurns()),
                backend.at("request-timeout").duration(d.requestTimeout()),
                backend.at("answer-within").duration(d.answerWithin()));
    }

    RobotProfile profile() {
        return root.at("robot").at("profile").path(base).map(RobotProfile::read).orElseGet(RobotProfile::bundled);
    }

    boolean hasClientSecret() {
        return root.at("keycloak").at("client-secret").text().filter(s -> !s.isBlank()).isPresent();
    }

    /** The robot's client id in Keycloak, which is its robot id. */
    String clientId() {
        return root.at("keycloak").at("client-id").text("robot-ward-a");
    }

    AccessTokens tokens(HttpClient http) {
        SettingsTree keycloak = root.at("keycloak");
        return new AccessTokens(http, new AccessTokens.Settings(
                URI.create(keycloak.at("token-url").text("http://127.0.0.1:8180/realms/eecs/protocol/openid-connect/token")),
                clientId(), keycloak.at("client-secret").requiredText(),
                keycloak.at("refresh-before").duration(Duration.ofSeconds(30)), Duration.ofSeconds(10)),
                Clock.systemUTC());
    }

    String bodyKind() {
        return root.at("body").at("kind").choice("simulator", "simulator", "rosbridge");
    }

    /** The simulator, with its page serving. */
    SimulatorPage simulator(SimulatedBody body, EmergencyStop emergencyStop) {
        SettingsTree simulator = root.at("body").at("simulator");
        return new SimulatorPage(body, emergencyStop, simulator.at("host").text("127.0.0.1"),
                simulator.at("port").whole(8090));
    }

    SimulatedBody simulatedBody(RobotProfile profile) {
        return new SimulatedBody(profile, root.at("body").at("simulator").at("speaker-clock-ppm").number(0));
    }

    RobotBody rosbridge(RobotProfile profile, EmergencyStop emergencyStop) {
        SettingsTree ros = root.at("body").at("rosbridge");
        RosbridgeBody.Settings defaults = RosbridgeBody.Settings.defaults(URI.create(ros.at("url")
                .text("ws://127.0.0.1:9090")));
        RosbridgeBody.Settings settings = new RosbridgeBody.Settings(defaults.url(),
                ros.at("trajectory-topic").text(defaults.trajectoryTopic()),
                ros.at("face-topic").text(defaults.faceTopic()),
                ros.at("joint-states-topic").text(defaults.jointStatesTopic()),
                ros.at("emergency-stop-topic").text(defaults.emergencyStopTopic()),
                ros.at("reset-topic").text(defaults.resetTopic()),
                ros.at("look-ahead").duration(defaults.lookAhead()),
                ros.at("reconnect-every").duration(defaults.reconnectEvery()),
                ros.at("ros-version").whole(2));
        return new RosbridgeBody(settings, profile, emergencyStop,
                new SoundCardSpeaker(ros.at("speaker-mixer").text(""))).connect(Duration.ofSeconds(10));
    }

    Microphone microphone(CaptureClock clock) {
        SettingsTree mic = root.at("microphone");
        return switch (mic.at("source").choice("sound-card", "sound-card", "wav")) {
            case "wav" -> new WavMicrophone(new WavDecoder().decode(mic.at("wav").path(base)
                    .orElseThrow(() -> mic.at("wav").problem("is required for source wav"))),
                    mic.at("trailing-silence").duration(Duration.ofSeconds(2)).toNanos() / 1e9,
                    mic.at("real-time").flag(true));
            default -> new SoundCardMicrophone(mic.at("mixer").text(""), clock);
        };
    }

    Camera camera(CaptureClock clock) {
        SettingsTree camera = root.at("camera");
        double fps = camera.at("fps").number(5);
        return switch (camera.at("source").choice("none", "none", "device", "folder", "video")) {
            case "device" -> FfmpegCamera.device(camera.at("device").text("/dev/video0"), fps, clock);
            case "folder" -> new FolderCamera(camera.at("folder").path(base)
                    .orElseThrow(() -> camera.at("folder").problem("is required for source folder")), fps);
            case "video" -> FfmpegCamera.videoFile(camera.at("video").path(base)
                    .orElseThrow(() -> camera.at("video").problem("is required for source video")), fps, clock);
            default -> Camera.none();
        };
    }

    TurnLoop.Settings turn() {
        SettingsTree turn = root.at("turn");
        TurnLoop.Settings d = TurnLoop.Settings.DEFAULTS;
        return new TurnLoop.Settings(SpeechSegmenter.Settings.DEFAULTS.withMinSilence(
                turn.at("min-silence").duration(d.speech().minSilence())),
                turn.at("frames-per-turn").whole(d.framesPerTurn()), turn.at("barge-in").flag(d.bargeIn()),
                turn.at("barge-in-threshold").number(d.bargeInThreshold()),
                turn.at("barge-in-speech").duration(d.bargeInSpeech()), turn.at("echo-tail").duration(d.echoTail()),
                turn.at("retry-every").duration(d.retryEvery()), turn.at("give-up-after").duration(d.giveUpAfter()));
    }

    Performer.Settings performance() {
        return new Performer.Settings(root.at("performance").at("control-period")
                .duration(Performer.Settings.DEFAULTS.controlPeriod()),
                root.at("watchdog").at("late-sample").duration(Performer.Settings.DEFAULTS.lateSample()));
    }

    Duration backendUnreachable() {
        return root.at("watchdog").at("backend-unreachable").duration(Duration.ofSeconds(10));
    }

    PerformancePlan watchdogLine() {
        return root.at("watchdog").at("line").path(base)
                .map(wav -> SpokenLine.of("(the watchdog's line)", new WavDecoder().decode(wav)))
                .orElseGet(() -> SpokenLine.of("Please give me a moment.", SpokenLine.bundled()));
    }
}
