package org.eecs.robot.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eecs.perception.vad.SileroVad;
import org.eecs.robot.backend.BackendUnreachable;
import org.eecs.robot.backend.Sessions;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.capture.Camera;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.capture.WavMicrophone;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.perform.Watchdog;
import org.eecs.robot.plan.SpokenLine;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.Test;

class SessionLoopTest {

    @Test
    void theRobotWaitsForItsSession_thenConverses_andWaitsAgainWhenTheSessionIsOver() throws Exception {
        Sessions.Session scheduled = new Sessions.Session("s-1", "SCHEDULED", Instant.now(), Instant.now());
        Sessions.Session running = new Sessions.Session("s-1", "IN_PROGRESS", Instant.now(), Instant.now());
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(0.5));
        backend.sessionOver = true;
        backend.sessionAnswers.addAll(List.of(new BackendUnreachable("down"),
                new Sessions(Optional.empty(), Optional.of(scheduled)), new Sessions(Optional.of(running), Optional.empty())));
        Performer performer = new Performer(new GuardedBody(new SimulatedBody(TestPlans.PROFILE, 0), TestPlans.PROFILE,
                new EmergencyStop()), Performer.Settings.DEFAULTS);
        Watchdog watchdog = new Watchdog(performer, SpokenLine.of("moment", SpokenLine.bundled()), Duration.ofSeconds(10),
                Clock.systemUTC());
        try (SileroVad vad = SileroVad.load()) {
            WavMicrophone microphone = new WavMicrophone(SpokenLine.bundled(), 1.0, false);
            TurnLoop conversation = new TurnLoop(microphone, Camera.none(), vad, backend, performer, watchdog,
                    new CaptureClock(), TurnLoop.Settings.DEFAULTS);
            SessionLoop day = new SessionLoop(backend, conversation, watchdog, Duration.ofMillis(20));
            Thread stopper = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException ignored) {
                    return;
                }
                day.stop();
            });

            TurnLoop.End end = day.run();
            stopper.interrupt();

            assertThat(backend.sessionsAsked).containsExactly("s-1");
            assertThat(backend.sessionAnswers).isEmpty();
            assertThat(end).isIn(TurnLoop.End.STOPPED, TurnLoop.End.MICROPHONE_ENDED);
        }
    }
}
