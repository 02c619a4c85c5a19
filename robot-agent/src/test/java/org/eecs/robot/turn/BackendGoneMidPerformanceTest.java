package org.eecs.robot.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.robot.turn.PatientSpeaking.microphone;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.vad.SileroVad;
import org.eecs.robot.backend.AccessTokens;
import org.eecs.robot.backend.RobotApiClient;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.capture.Camera;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.capture.WavMicrophone;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.perform.RestTrajectory;
import org.eecs.robot.perform.Watchdog;
import org.eecs.robot.plan.SpokenLine;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.Test;

/**
 * The robot agent disconnected mid-performance (issue 12): the backend goes away, or the network drops, while the
 * robot performs an answer; against a local server speaking the robot protocol over the wire, with the agent's own
 * client, real voice activity detection and the simulator.
 */
class BackendGoneMidPerformanceTest {

    @Test
    void theAnswerIsPerformedToItsEndAndTheRobotRests_andTheNextTurnWaitsForTheBackendAndIsTakenOnce()
            throws Exception {
        PcmAudio patient = SpokenLine.bundled();
        SimulatedBody simulator = new SimulatedBody(TestPlans.PROFILE, 0);
        Performer performer = new Performer(new GuardedBody(simulator, TestPlans.PROFILE, new EmergencyStop()),
                Performer.Settings.DEFAULTS);
        Watchdog watchdog = new Watchdog(performer, SpokenLine.of("Please give me a moment.", patient),
                Duration.ofSeconds(30), Clock.systemUTC());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TestBackend backend = new TestBackend("s-1", TestPlans.nodding(2.0));
             AgentLog log = new AgentLog();
             SileroVad vad = SileroVad.load()) {
            URI base = backend.uri();
            AccessTokens tokens = new AccessTokens(http, new AccessTokens.Settings(base.resolve("/token"),
                    "robot-ward-a", "secret", Duration.ofSeconds(30), Duration.ofSeconds(5)), Clock.systemUTC());
            RobotApiClient client = new RobotApiClient(http, tokens, new CaptureClock(), new RobotApiClient.Settings(
                    base, true, Duration.ofSeconds(2), Duration.ofSeconds(10)));
            // the patient speaks, waits for the answer, and speaks again
            TurnLoop loop = new TurnLoop(microphone(true, 0.5, patient, 4.5, patient, 1.5), Camera.none(), vad, client,
                    performer, watchdog, new CaptureClock(), TurnLoop.Settings.DEFAULTS
                    .withRetryEvery(Duration.ofMillis(300)));
            CompletableFuture<TurnLoop.End> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.run("s-1");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            await(simulator::speaking);
            backend.goAway(); // mid-performance

            await(() -> !simulator.speaking() && performer.current().isEmpty());
            assertThat(simulator.recording().playbackStops()).as("the answer spoken to its end").isEmpty();
            assertThat(RestTrajectory.atRest(TestPlans.PROFILE, simulator.joints())).as("joints at rest").isTrue();
            assertThat(simulator.face()).as("a neutral face").containsOnly(0f);
            log.await("the turn stream of session s-1");
            // the patient speaks again while the backend is away: the turn waits, under one key
            log.await("not delivered yet");
            backend.loseNextAnswer.set(true);
            backend.comeBack();

            assertThat(ended.get(60, TimeUnit.SECONDS)).isEqualTo(TurnLoop.End.MICROPHONE_ENDED);
            assertThat(backend.answers).as("each utterance one turn").hasSize(2);
            String second = backend.requests.getLast();
            assertThat(backend.requests).as("the second turn's answer lost, and sent again to its retry")
                    .filteredOn(second::equals).hasSize(2);
            assertThat(backend.requests.stream().distinct()).hasSize(2);
            assertThat(simulator.recording().playbacks()).as("both answers performed, nothing else").hasSize(2);
            assertThat(log.said("with the same key")).isTrue();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
