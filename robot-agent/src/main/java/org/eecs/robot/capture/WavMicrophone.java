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
 */
public final class WavMicrophone implements Microphone {

    /** 32 ms: one frame of the voice activity detector. */
    public static final int CHUNK = 512;

    private final float[] samples;
    private final boolean realTime;
    private int position;
    private long startNanos = -1;

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
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        }
        int end = Math.min(samples.length, position + CHUNK);
        long startUs = position * 1_000_000L / 16_000;
        if (realTime) {
            // a chunk can be read once its last sample has been "spoken"
            long due = startNanos + end * 1_000_000_000L / 16_000;
            long wait = due - System.nanoTime();
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
