package org.eecs.robot.perform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.ForwardingBody;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.plan.PerformancePlan;
import org.eecs.robot.plan.SpokenLine;
import org.eecs.robot.plan.TestPlans;
import org.eecs.robot.MovableClock;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private static final PerformancePlan LINE = SpokenLine.of("Please give me a moment.", SpokenLine.bundled());

    @Test
    void backendUnreachableForTenSeconds_theRobotSaysTheLineOnce_andTakesItsSafeIdlePose() throws Exception {
        Stage stage = new Stage();
        MovableClock clock = new MovableClock();
        Watchdog watchdog = new Watchdog(stage.performer, LINE, Duration.ofSeconds(10), clock);
        Performance gesture = stage.performer.perform(TestPlans.nodding(3.0));
        Thread.sleep(700);

        watchdog.backendUnreachable();
        clock.advance(Duration.ofSeconds(9));
        watchdog.backendUnreachable();
        assertThat(watchdog.firings()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        watchdog.backendUnreachable();

        assertThat(gesture.ended()).isCompletedWithValue(Ending.STOPPED);
        assertThat(watchdog.firings()).containsExactly("the backend has been unreachable for 10 s");
        Performance line = stage.performer.current().orElseThrow();
        assertThat(line.plan()).isSameAs(LINE);
        assertThat(line.await()).isEqualTo(Ending.COMPLETED);
        assertThat(stage.recording().playbacks()).hasSize(2);
        assertThat(stage.recording().playbacks().getLast().samples()).isEqualTo(LINE.speech().audio().length());
        assertThat(stage.atRest()).isTrue();

        clock.advance(Duration.ofSeconds(20));
        watchdog.backendUnreachable();
        assertThat(watchdog.firings()).as("once per outage").hasSize(1);
        watchdog.backendReached();
        watchdog.backendUnreachable();
        clock.advance(Duration.ofSeconds(11));
        watchdog.backendUnreachable();
        assertThat(watchdog.firings()).hasSize(2);
        stage.performer.current().ifPresent(Performance::await);
    }

    @Test
    void aTrajectorySampleLate_endsThePerformance_andTheRobotSaysTheLineAndReturnsToRest() throws Exception {
        EmergencyStop emergencyStop = new EmergencyStop();
        SimulatedBody simulator = new SimulatedBody(TestPlans.PROFILE, 0);
        StallingBody stalling = new StallingBody(simulator);
        GuardedBody body = new GuardedBody(stalling, TestPlans.PROFILE, emergencyStop);
        Performer performer = new Performer(body, Performer.Settings.DEFAULTS);
        Watchdog watchdog = new Watchdog(performer, LINE, Duration.ofSeconds(10), Clock.systemUTC());
        Performance gesture = performer.perform(TestPlans.nodding(3.0));
        Thread.sleep(600);

        stalling.stallNextTarget();

        assertThat(gesture.await()).isEqualTo(Ending.LATE_SAMPLE);
        assertThat(gesture.lateByUs()).isGreaterThan(200_000);
        Performance line = waitForLine(performer);
        assertThat(watchdog.firings()).singleElement().asString().startsWith("a trajectory sample was ")
                .endsWith(" ms late");
        assertThat(line.await()).isEqualTo(Ending.COMPLETED);
        assertThat(RestTrajectory.atRest(TestPlans.PROFILE, simulator.joints())).isTrue();
        assertThat(simulator.recording().playbacks().getLast().samples()).isEqualTo(LINE.speech().audio().length());
    }

    private static Performance waitForLine(Performer performer) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Optional<Performance> current = performer.current();
            if (current.isPresent() && current.get().plan() == LINE) {
                return current.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the watchdog's line was not performed");
    }

    /** A body whose controller blocks once for 300 ms, as a stuck connection would. */
    private static final class StallingBody extends ForwardingBody {

        private final AtomicBoolean stall = new AtomicBoolean();

        StallingBody(SimulatedBody body) {
            super(body);
        }

        void stallNextTarget() {
            stall.set(true);
        }

        @Override
        public void moveJoints(JointPose pose) {
            if (stall.getAndSet(false)) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.moveJoints(pose);
        }
    }
}
