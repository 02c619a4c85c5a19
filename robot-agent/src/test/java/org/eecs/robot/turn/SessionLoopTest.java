package org.eecs.robot.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.robot.turn.PatientSpeaking.microphone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eecs.perception.audio.PcmAudio;
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
        backend.standing = new Sessions(Optional.of(running), Optional.empty()); // till the turn says it is over
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

    @Test
    void aSessionEndedWhileThePatientIsSilent_endsTheConversationPromptly_notAtTheNextTurn() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(0.5));
        backend.standing = new Sessions(Optional.of(session("s-2", true)), Optional.empty());
        try (Day day = new Day(backend, new WavMicrophone(PcmAudio.of16kHz(new float[16_000 * 30]), 0, true))) {
            day.await("listening");

            backend.standing = Sessions.NONE; // the clinician completed it

            day.await("is over: the backend no longer has it in progress");
            assertThat(day.stillRunning()).as("waiting for the next session").isTrue();
            assertThat(backend.attempts).isEmpty();
        }
    }

    @Test
    void afterConsentWasRequired_theRobotAsksAgain_andListensInTheSameSessionOnceConsentIsRecorded() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(0.5));
        backend.consentRequiredFor.set(1);
        backend.afterConsentRefused = new Sessions(Optional.of(session("s-3", false)), Optional.empty());
        backend.standing = new Sessions(Optional.of(session("s-3", true)), Optional.empty());
        PcmAudio patient = SpokenLine.bundled();
        try (Day day = new Day(backend, microphone(false, 0.5, patient, 1.5, patient, 1.0))) {
            // the first utterance: refused for want of consent; the robot stops listening
            day.await("the robot stops listening");
            day.await("asks again");
            Thread.sleep(300);
            assertThat(backend.attempts).as("nothing sent while it may not listen").hasSize(1);

            backend.standing = new Sessions(Optional.of(session("s-3", true)), Optional.empty()); // consent recorded

            day.await("listening again");
            assertThat(day.end().get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(TurnLoop.End.MICROPHONE_ENDED);
            assertThat(backend.turns).as("the second utterance taken, in the same session").hasSize(1);
            assertThat(backend.sessionsAsked).containsOnly("s-3");
        }
    }

    @Test
    void consentTakenBackMidSession_stopsTheRobotListeningWithoutATurn() throws Exception {
        FakeBackend backend = new FakeBackend(u -> TestPlans.nodding(0.5));
        backend.standing = new Sessions(Optional.of(session("s-4", true)), Optional.empty());
        try (Day day = new Day(backend, new WavMicrophone(PcmAudio.of16kHz(new float[16_000 * 30]), 0, true))) {
            day.await("listening");

            backend.standing = new Sessions(Optional.of(session("s-4", false)), Optional.empty());

            day.await("consent to audio capture is no longer in force; the robot stops listening");
            backend.standing = new Sessions(Optional.of(session("s-4", true)), Optional.empty());
            day.await("listening again");
            assertThat(backend.attempts).isEmpty();
        }
    }

    private static Sessions.Session session(String id, boolean audioConsent) {
        return new Sessions.Session(id, "IN_PROGRESS", Instant.now(), Instant.now().plusSeconds(3600), audioConsent);
    }

    /** The robot's day on a thread of its own, asking every 50 ms, and what it logged. */
    private static final class Day implements AutoCloseable {

        private final SileroVad vad = SileroVad.load();
        private final SessionLoop loop;
        private final CompletableFuture<TurnLoop.End> ended = new CompletableFuture<>();
        private final AgentLog log = new AgentLog();

        Day(FakeBackend backend, WavMicrophone microphone) {
            Performer performer = new Performer(new GuardedBody(new SimulatedBody(TestPlans.PROFILE, 0),
                    TestPlans.PROFILE, new EmergencyStop()), Performer.Settings.DEFAULTS);
            Watchdog watchdog = new Watchdog(performer, SpokenLine.of("moment", SpokenLine.bundled()),
                    Duration.ofSeconds(10), Clock.systemUTC());
            TurnLoop conversation = new TurnLoop(microphone, Camera.none(), vad, backend, performer, watchdog,
                    new CaptureClock(), TurnLoop.Settings.DEFAULTS);
            loop = new SessionLoop(backend, conversation, watchdog, Duration.ofMillis(50));
            Thread.ofPlatform().daemon().name("robot-day").start(() -> {
                try {
                    ended.complete(loop.run());
                } catch (InterruptedException | RuntimeException e) {
                    ended.completeExceptionally(e);
                }
            });
        }

        void await(String words) throws InterruptedException {
            log.await(words);
        }

        boolean stillRunning() {
            return !ended.isDone();
        }

        CompletableFuture<TurnLoop.End> end() {
            return ended;
        }

        @Override
        public void close() throws Exception {
            loop.stop();
            try {
                ended.exceptionally(e -> null).get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                log.close();
                vad.close();
            }
        }
    }
}
