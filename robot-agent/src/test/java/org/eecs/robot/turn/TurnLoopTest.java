package org.eecs.robot.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.robot.turn.PatientSpeaking.microphone;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.vad.SileroVad;
import org.eecs.robot.backend.Utterance;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.capture.Camera;
import org.eecs.robot.capture.CameraFrame;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.capture.FolderCamera;
import org.eecs.robot.capture.WavMicrophone;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.perform.Watchdog;
import org.eecs.robot.plan.SpokenLine;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The turn loop on real speech (the agent's own recorded line, 1.78 s, as the patient's words), real voice activity
 * detection, a folder camera and the simulator, against a backend fake behind the agent's port.
 */
class TurnLoopTest {

    private static final PcmAudio PATIENT = SpokenLine.bundled();
    private static SileroVad vad;

    @TempDir
    static Path frames;

    private final SimulatedBody simulator = new SimulatedBody(TestPlans.PROFILE, 0);
    private final Performer performer = new Performer(new GuardedBody(simulator, TestPlans.PROFILE,
            new EmergencyStop()), Performer.Settings.DEFAULTS);
    private final Watchdog watchdog = new Watchdog(performer, SpokenLine.of("Please give me a moment.", PATIENT),
            Duration.ofSeconds(10), Clock.systemUTC());
    private final CaptureClock clock = new CaptureClock();

    @BeforeAll
    static void load() throws IOException {
        vad = SileroVad.load();
        for (int i = 0; i < 40; i++) {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(i * 6, 80, 200 - i * 4));
            g.fillRect(0, 0, 64, 48);
            g.dispose();
            ImageIO.write(image, "jpg", frames.resolve(String.format("frame-%03d.jpg", i)).toFile());
        }
    }

    @AfterAll
    static void close() {
        vad.close();
    }

    @Test
    void anUtterance_isPostedWithTheFramesOfItsTime_andTheAnswerIsPerformed() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(1.0));
        TurnLoop loop = loop(backend, microphone(false, 0.6, PATIENT, 1.0), TurnLoop.Settings.DEFAULTS);

        assertThat(loop.run("session-1")).isEqualTo(TurnLoop.End.MICROPHONE_ENDED);

        Utterance utterance = backend.utterances().getFirst();
        assertThat(backend.utterances()).hasSize(1);
        assertThat(utterance.audio().duration()).isBetween(Duration.ofMillis(1300), Duration.ofMillis(2300));
        long startUs = Duration.between(clock.instantOf(0), utterance.startedAt()).toNanos() / 1000;
        assertThat(startUs).isBetween(400_000L, 900_000L);
        long endUs = startUs + utterance.audio().duration().toNanos() / 1000;
        // the folder camera films at 5 fps from the start of capture: the frames taken while the patient spoke
        assertThat(utterance.frames()).hasSizeBetween(6, 12)
                .allMatch(f -> f.capturedAtUs() >= startUs && f.capturedAtUs() < endUs);
        assertThat(simulator.recording().playbacks()).singleElement()
                .matches(p -> p.samples() == 16_000);
        assertThat(simulator.recording().joints()).isNotEmpty();
    }

    @Test
    void whileTheRobotSpeaks_theMicrophoneIsGated_soItDoesNotAnswerWhatItHearsThen() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(3.0));
        // the patient speaks, pauses, and speaks again while the robot answers
        TurnLoop loop = loop(backend, microphone(true, 0.3, PATIENT, 0.8, PATIENT, 1.0), TurnLoop.Settings.DEFAULTS);

        loop.run("session-1");

        assertThat(backend.utterances()).hasSize(1);
        assertThat(simulator.recording().playbackStops()).as("the answer was not interrupted").isEmpty();
    }

    @Test
    void whenTheBackendRecordsBargeIn_thePatientSpeakingOverTheRobotStopsIt_andIsHeardAsTheNextTurn() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(3.0));
        backend.barges = true;
        TurnLoop loop = loop(backend, microphone(true, 0.3, PATIENT, 0.8, PATIENT, 1.0), TurnLoop.Settings.DEFAULTS);

        loop.run("session-1");

        assertThat(backend.bargeIns).singleElement().satisfies(b -> {
            assertThat(b.turnId()).isEqualTo("turn-1");
            assertThat(b.heardAfter()).isBetween(Duration.ofMillis(200), Duration.ofMillis(2500));
        });
        assertThat(simulator.recording().playbackStops()).hasSize(1);
        assertThat(backend.utterances()).hasSize(2);
        assertThat(backend.utterances().get(1).audio().duration()).isGreaterThan(Duration.ofMillis(1000));
    }

    @Test
    void whenTheBackendRestartsMidTurn_theTurnIsRetriedWithTheSameKey_andTakenOnce() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(1.0));
        backend.unreachableFor.set(2);
        TurnLoop loop = loop(backend, microphone(false, 0.3, PATIENT, 1.0),
                TurnLoop.Settings.DEFAULTS.withRetryEvery(Duration.ofMillis(50)));

        loop.run("session-1");

        assertThat(backend.attempts).hasSize(3).containsOnly(backend.attempts.getFirst());
        assertThat(backend.utterances()).hasSize(1);
        assertThat(simulator.recording().playbacks()).hasSize(1);
    }

    @Test
    void whenTheBackendSaysTheSessionIsOver_theConversationEnds() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(1.0));
        backend.sessionOver = true;
        TurnLoop loop = loop(backend, microphone(false, 0.3, PATIENT, 3.0), TurnLoop.Settings.DEFAULTS);

        assertThat(loop.run("session-1")).isEqualTo(TurnLoop.End.SESSION_OVER);
        assertThat(simulator.recording().playbacks()).isEmpty();
    }

    @Test
    void whenTheBackendStreamsTurns_audioAndFramesGoOutFromTheOnsetOfSpeech() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(1.0));
        backend.streaming = true;
        TurnLoop loop = loop(backend, microphone(false, 0.6, PATIENT, 1.0), TurnLoop.Settings.DEFAULTS);

        loop.run("session-1");

        FakeBackend.Streamed stream = backend.streams.stream().filter(s -> !s.abandoned).findFirst().orElseThrow();
        assertThat(stream.endedAtSamples).as("the utterance, without the silence that ended it")
                .isBetween(1300 * 16L, 2300 * 16L);
        assertThat(stream.receivedBeforeEnd - stream.endedAtSamples).as("the pause sent before the end was known")
                .isGreaterThanOrEqualTo(7_000); // the 0.5 s pause less the 30 ms padding kept with the speech
        assertThat(stream.frames).hasSizeBetween(6, 16);
        assertThat(backend.utterances()).hasSize(1);
        assertThat(simulator.recording().playbacks()).hasSize(1);
    }

    @Test
    void framesBeyondTheLimit_areSpreadEvenlyOverTheUtterance() {
        List<CameraFrame> thirty = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> new CameraFrame(i * 100_000L, new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg"))
                .toList();

        List<CameraFrame> picked = TurnLoop.spread(thirty, 16);

        assertThat(picked).hasSize(16);
        assertThat(picked.getFirst().capturedAtUs()).isZero();
        assertThat(picked.getLast().capturedAtUs()).isGreaterThanOrEqualTo(2_700_000L);
    }

    private TurnLoop loop(FakeBackend backend, WavMicrophone microphone, TurnLoop.Settings settings) {
        Camera camera = new FolderCamera(frames, 5);
        return new TurnLoop(microphone, camera, vad, backend, performer, watchdog, clock, settings);
    }
}
