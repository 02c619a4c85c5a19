package org.eecs.robot.body.sound;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.body.Speaker;

/**
 * The robot's loudspeaker through {@code javax.sound.sampled}: 16 kHz, 16-bit, mono, one line kept open. A playback
 * writes the samples on its own thread in 20 ms pieces; its position is the line's frame position, the sound card's
 * own clock, which the performance follows.
 */
public final class SoundCardSpeaker implements Speaker, AutoCloseable {

    static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);
    private static final int PIECE = 320;

    private final SourceDataLine line;
    private CardPlayback playing;

    /** @param mixer a part of the mixer's name, or blank for the default output */
    public SoundCardSpeaker(String mixer) {
        try {
            DataLine.Info info = new DataLine.Info(SourceDataLine.class, FORMAT);
            line = (SourceDataLine) (mixer == null || mixer.isBlank() ? AudioSystem.getLine(info)
                    : AudioSystem.getMixer(find(mixer)).getLine(info));
            line.open(FORMAT, PIECE * 2 * 8);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IllegalStateException("no 16 kHz mono loudspeaker" + (mixer == null || mixer.isBlank() ? ""
                    : " on mixer \"" + mixer + "\"") + ": " + e.getMessage(), e);
        }
    }

    private static Mixer.Info find(String name) {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().contains(name)) {
                return info;
            }
        }
        throw new IllegalArgumentException("no mixer named like \"" + name + "\"");
    }

    @Override
    public synchronized Playback play(PcmAudio audio) {
        if (playing != null) {
            playing.stop();
        }
        playing = new CardPlayback(audio.toPcm16LittleEndian(), audio.length());
        return playing;
    }

    @Override
    public synchronized void close() {
        if (playing != null) {
            playing.stop();
        }
        line.close();
    }

    private final class CardPlayback implements Playback {

        private final int samples;
        private final long base;
        private volatile boolean stopped;

        CardPlayback(byte[] pcm, int samples) {
            this.samples = samples;
            line.flush();
            this.base = line.getLongFramePosition();
            line.start();
            Thread.ofPlatform().daemon().priority(Thread.MAX_PRIORITY).name("speaker").start(() -> {
                for (int at = 0; at < pcm.length && !stopped; at += PIECE * 2) {
                    line.write(pcm, at, Math.min(PIECE * 2, pcm.length - at));
                }
                if (!stopped) {
                    line.drain();
                }
            });
        }

        @Override
        public long playedSamples() {
            return Math.max(0, Math.min(samples, line.getLongFramePosition() - base));
        }

        @Override
        public boolean finished() {
            return stopped || playedSamples() >= samples;
        }

        @Override
        public void stop() {
            if (!stopped) {
                stopped = true;
                line.stop();
                line.flush();
            }
        }
    }
}
