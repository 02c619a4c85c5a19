package org.eecs.robot.body.simulator;

import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.body.Speaker;
import org.eecs.robot.body.Ticker;

/**
 * A sound card that plays nothing audible but keeps time like one: it reports its position in whole 10 ms periods,
 * and its clock may run {@code clockPpm} parts per million fast (or slow, negative), as a real crystal does, so
 * that a performance must follow it to stay in step.
 */
final class SimulatedSpeaker implements Speaker {

    /** Samples per period at 16 kHz: a sound card reports its position a period at a time. */
    static final int PERIOD = 160;

    private final Recording recording;
    private final double clockRate;
    private final Ticker ticker;
    private volatile SimulatedPlayback playing;

    SimulatedSpeaker(Recording recording, double clockPpm, Ticker ticker) {
        this.recording = recording;
        this.ticker = ticker;
        this.clockRate = 1 + clockPpm / 1e6;
    }

    boolean speaking() {
        SimulatedPlayback current = playing;
        return current != null && !current.finished();
    }

    @Override
    public Playback play(PcmAudio audio) {
        SimulatedPlayback previous = playing;
        if (previous != null) {
            previous.stop();
        }
        SimulatedPlayback playback = new SimulatedPlayback(audio.length(), audio.sampleRate(), ticker.nanoTime());
        recording.playback(new Recording.PlaybackStarted(playback.startNanos, audio.length(), audio.sampleRate(),
                clockRate));
        playing = playback;
        return playback;
    }

    private final class SimulatedPlayback implements Playback {

        private final int samples;
        private final int sampleRate;
        private final long startNanos;
        private volatile long stoppedAt = -1;

        SimulatedPlayback(int samples, int sampleRate, long startNanos) {
            this.samples = samples;
            this.sampleRate = sampleRate;
            this.startNanos = startNanos;
        }

        @Override
        public long playedSamples() {
            long stopped = stoppedAt;
            return playedBy(stopped >= 0 ? stopped : ticker.nanoTime());
        }

        private long playedBy(long nanos) {
            double played = (nanos - startNanos) / 1e9 * sampleRate * clockRate;
            long periods = (long) Math.floor(played / PERIOD);
            return Math.max(0, Math.min(samples, periods * PERIOD));
        }

        @Override
        public boolean finished() {
            return stoppedAt >= 0 || playedSamples() >= samples;
        }

        @Override
        public synchronized void stop() {
            if (stoppedAt < 0 && playedSamples() < samples) {
                stoppedAt = ticker.nanoTime();
                recording.stopped(new Recording.PlaybackStopped(stoppedAt, playedBy(stoppedAt)));
            }
        }
    }
}
