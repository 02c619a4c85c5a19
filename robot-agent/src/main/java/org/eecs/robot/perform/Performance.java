package org.eecs.robot.perform;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.body.FaceFrame;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.MotionRefused;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.Speaker;
import org.eecs.robot.body.Ticker;
import org.eecs.robot.plan.PerformancePlan;
import org.eecs.robot.plan.PerformancePlan.Motion;

/**
 * One plan being performed: speech, face and joints started on one clock ({@link TimelineClock}, which follows the
 * speaker) and driven by one control loop on its own thread. Each cycle shows the face frame due now and sends the
 * joints the pose due at now plus the body's look-ahead, interpolated linearly between the 100 Hz samples.
 */
public final class Performance {

    private final PerformancePlan plan;
    private final GuardedBody body;
    private final Performer.Settings settings;
    private final Consumer<Performance> whenLate;
    private final Ticker ticker;
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private final RobotProfile profile;
    private final int[] faceChannelInPlan;
    private volatile String stopReason;
    private volatile boolean speaking;
    private volatile String motionFault;
    private volatile long lateByUs;
    private Thread thread;

    Performance(PerformancePlan plan, GuardedBody body, Performer.Settings settings, Ticker ticker,
                Consumer<Performance> whenLate) {
        this.plan = plan;
        this.ticker = ticker;
        this.body = body;
        this.settings = settings;
        this.whenLate = whenLate;
        this.profile = body.profile();
        List<String> channels = profile.faceChannels();
        this.faceChannelInPlan = new int[channels.size()];
        for (int c = 0; c < channels.size(); c++) {
            faceChannelInPlan[c] = plan.face().channels().indexOf(channels.get(c));
        }
    }

    public PerformancePlan plan() {
        return plan;
    }

    /** Completes with how the performance ended. */
    public CompletableFuture<Ending> ended() {
        return ended;
    }

    /** Whether the robot's voice is playing: the microphone is gated meanwhile. */
    public boolean speaking() {
        return speaking;
    }

    /** Why the plan's motion was not (or not wholly) performed, if it was not. */
    public Optional<String> motionFault() {
        return Optional.ofNullable(motionFault);
    }

    /** How late the cycle was that ended the performance with {@link Ending#LATE_SAMPLE}. */
    public long lateByUs() {
        return lateByUs;
    }

    /** Stops speech and face at once; the joints return to rest. Returns at once; see {@link #ended()}. */
    public void stop(String reason) {
        stopReason = reason;
        speaking = false; // the control loop silences the speaker at once; the microphone may listen from now
        wake();
    }

    public Ending await() {
        return ended.join();
    }

    /** Makes the control loop look at once (the emergency stop engaged). */
    void wake() {
        Thread running = thread;
        if (running != null) {
            ticker.unpark(running);
        }
    }

    void start() {
        thread = Thread.ofPlatform().name("performance").daemon().priority(Thread.MAX_PRIORITY).unstarted(this::run);
        thread.start();
    }

    private void run() {
        try {
            Ending ending = perform();
            ended.complete(ending);
            if (ending == Ending.LATE_SAMPLE) {
                whenLate.accept(this); // after completing, so that the watchdog may start the next performance
            }
        } catch (RuntimeException | Error e) {
            speaking = false;
            body.halt();
            ended.completeExceptionally(e);
        }
    }

    private Ending perform() {
        long period = settings.controlPeriod().toNanos() / 1000;
        long lateAfter = settings.lateSample().toNanos() / 1000;
        long lead = body.motionLeadUs();
        Motion motion = motionToPerform();
        PcmAudio audio = plan.speech().audio();
        long speechOffset = plan.speech().offsetUs();
        long motionEnd = motion == null ? 0 : motion.endUs();
        long end = Math.max(plan.durationUs(), Math.max(plan.face().endUs(), Math.max(motionEnd,
                speechOffset + plan.speech().durationUs())));

        long engagements = body.emergencyStop().engagements();
        long start = ticker.nanoTime();
        TimelineClock clock = new TimelineClock(start);
        Speaker.Playback playback = null;
        int shownFrame = -2;
        boolean motionDone = motion == null;
        long cycle = 0;
        while (true) {
            long deadline = clock.nanoTimeOf(cycle * period);
            long wait;
            while ((wait = deadline - ticker.nanoTime()) > 0 && stopReason == null
                    && body.emergencyStop().engagements() == engagements) {
                ticker.parkNanos(wait);
            }
            long now = ticker.nanoTime();
            // engaged since the start, even if already reset: a performance started while engaged only never moves
            if (body.emergencyStop().engagements() != engagements) {
                return endAt(playback, Ending.EMERGENCY_STOP);
            }
            if (stopReason != null) {
                return stopAndRest(playback, clock, period, lead);
            }
            long late = (now - deadline) / 1000;
            if (late > lateAfter) {
                lateByUs = late;
                return endAt(playback, Ending.LATE_SAMPLE);
            }
            long t;
            if (playback == null && audio.length() > 0 && clock.nowUs(now) >= speechOffset) {
                speaking = true;
                playback = body.speaker().play(audio);
            }
            if (playback != null && !playback.finished()) {
                t = clock.nowUs(now, speechOffset, playback.playedSamples(), audio.sampleRate());
            } else {
                t = clock.nowUs(now);
                if (playback != null) {
                    speaking = false;
                }
            }
            int frame = plan.face().frameAt(t);
            if (frame != shownFrame) {
                showFace(frame, t);
                shownFrame = frame;
            }
            if (!motionDone) {
                motionDone = sendPose(motion, t + lead);
                if (motionFault != null && !motionDone) {
                    motionDone = true;
                }
            }
            boolean speechDone = audio.length() == 0 || (playback != null && playback.finished());
            if (t >= end && speechDone && motionDone) {
                speaking = false;
                return Ending.COMPLETED;
            }
            // never skipped: after a stall the next deadlines lie in the past, and one too far past ends it
            cycle++;
        }
    }

    private Motion motionToPerform() {
        if (body.emergencyStop().engaged()) {
            motionFault = "emergency stop engaged (" + body.emergencyStop().reason() + "): no motion until reset";
            return null;
        }
        double[] pose = body.currentPose();
        if (plan.motion().isEmpty()) {
            return RestTrajectory.atRest(profile, pose) ? null : RestTrajectory.from(profile, pose, 0);
        }
        TrajectoryCheck.Verdict verdict = new TrajectoryCheck(profile).check(plan.motion().get(), pose);
        if (!verdict.accepted()) {
            motionFault = verdict.fault();
            return null;
        }
        return verdict.motion();
    }

    /** Sends the pose due at {@code atUs}; true once the last sample has gone out. */
    private boolean sendPose(Motion motion, long atUs) {
        if (atUs < motion.offsetUs()) {
            return false;
        }
        double u = (atUs - motion.offsetUs()) * (double) motion.samplesPerSecond() / 1e6;
        int last = motion.sampleCount() - 1;
        int i = (int) Math.floor(u);
        boolean done = i >= last;
        double[] pose = new double[motion.joints().size()];
        for (int j = 0; j < pose.length; j++) {
            if (done) {
                pose[j] = motion.position(last, j);
            } else {
                double fraction = u - i;
                pose[j] = motion.position(i, j) + (motion.position(i + 1, j) - motion.position(i, j)) * fraction;
            }
        }
        try {
            body.moveJoints(new JointPose(done ? motion.endUs() : atUs, pose));
        } catch (MotionRefused refused) {
            motionFault = refused.getMessage();
            body.halt();
            return true;
        }
        return done;
    }

    private void showFace(int frame, long t) {
        List<String> channels = profile.faceChannels();
        if (channels.isEmpty()) {
            return;
        }
        if (frame < 0) {
            body.showFace(FaceFrame.neutral(t, channels));
            return;
        }
        float[] values = new float[channels.size()];
        int width = plan.face().channels().size();
        float[] all = plan.face().values();
        for (int c = 0; c < values.length; c++) {
            values[c] = faceChannelInPlan[c] < 0 ? 0f : all[frame * width + faceChannelInPlan[c]];
        }
        body.showFace(new FaceFrame(plan.face().frameStartUs(frame), channels, values));
    }

    private Ending endAt(Speaker.Playback playback, Ending ending) {
        speaking = false;
        if (playback != null) {
            playback.stop();
        }
        if (ending != Ending.COMPLETED) {
            body.halt();
        }
        if (!profile.faceChannels().isEmpty()) {
            body.showFace(FaceFrame.neutral(0, profile.faceChannels()));
        }
        return ending;
    }

    /** Speech and face stop now; the joints go back to rest from where they were sent, on the same clock. */
    private Ending stopAndRest(Speaker.Playback playback, TimelineClock clock, long period, long lead) {
        speaking = false;
        if (playback != null) {
            playback.stop();
        }
        if (!profile.faceChannels().isEmpty()) {
            body.showFace(FaceFrame.neutral(clock.nowUs(ticker.nanoTime()), profile.faceChannels()));
        }
        double[] pose = body.currentPose();
        if (body.emergencyStop().engaged() || RestTrajectory.atRest(profile, pose)) {
            return Ending.STOPPED;
        }
        long t = clock.nowUs(ticker.nanoTime());
        Motion back = RestTrajectory.from(profile, pose, t + lead);
        boolean done = false;
        while (!done) {
            ticker.parkNanos(TimeUnit.MICROSECONDS.toNanos(period));
            if (body.emergencyStop().engaged()) {
                body.halt();
                return Ending.EMERGENCY_STOP;
            }
            done = sendPose(back, clock.nowUs(ticker.nanoTime()) + lead);
        }
        return Ending.STOPPED;
    }
}
