package org.eecs.robot.capture;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavDecoder;

/**
 * A recording played as if the patient spoke it into the microphone: the WAV (any rate from 8 to 48 kHz, mono or
 * stereo, brought to 16 kHz mono), then {@code trailingSilence} of silence, then the source ends. In real time by
 * default, from the first read: the robot answering takes as long as it would with a person. Samples are stamped
 * with their time in the recording.
 *
 * <p>A patient waits for the robot's answer: while the agent does not listen at all (a turn is with the backend,
 * {@value #AWAY_MILLIS} ms or more without a read), the recording stands still, and goes on from where it was when
 * the agent listens again. Its pauses are thus the patient's own, however long the backend takes, while what is
 * said as the robot speaks still comes as the robot speaks.
 */
public final class WavMicrophone implements Microphone {

    /** 32 ms: one frame of the voice activity detector. */
    public static final int CHUNK = 512;

    private final float[] samples;
    private final boolean realTime;
    /** A read this late after the last chunk was due: the agent was away, and the patient waited. */
    static final long AWAY_MILLIS = 200;

    private int position;
    private long dueNanos = -1;

    public WavMicrophone(PcmAudio audio, double trailingSilenceSeconds, boolean realTime) {
        float[] voice = audio.samples();
        this.samples = java.util.Arrays.copyOf(voice, voice.length + (int) Math.round(trailingSilenceSeconds * 16_000));
        this.realTime = realTime;
    }

    public static WavMicrophone of(Path wav, double trailingSilenceSeconds, boolean realTime) {
        return new WavMicrophone(new WavDecoder().decode(wav), trailingSilenceSeconds, realTime);
    }

    @Override
    public AudioChunk next() throws InterruptedException {
        if (position >= samples.length) {
            return null;
        }
        int end = Math.min(samples.length, position + CHUNK);
        long startUs = position * 1_000_000L / 16_000;
        if (realTime) {
            long now = System.nanoTime();
            if (dueNanos < 0 || now - dueNanos > TimeUnit.MILLISECONDS.toNanos(AWAY_MILLIS)) {
                dueNanos = now; // the first read, or the patient waited for the agent
            }
            // a chunk can be read once its last sample has been "spoken"
            dueNanos += (end - position) * 1_000_000_000L / 16_000;
            long wait = dueNanos - now;
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        float[] chunk = java.util.Arrays.copyOfRange(samples, position, end);
        position = end;
        return new AudioChunk(startUs, chunk);
    }

    @Override
    public void close() {
        position = samples.length;
    }
}
