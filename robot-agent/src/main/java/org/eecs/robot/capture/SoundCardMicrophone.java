package org.eecs.robot.capture;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Logger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * The robot's microphone through {@code javax.sound.sampled}: 16 kHz, 16-bit, mono, read on its own thread in
 * 32 ms chunks into a queue of about ten seconds (the oldest chunk goes when it is full), so that the device never
 * overruns while the agent waits for the backend. Chunks are stamped by their sample count from the capture
 * clock's time when the line opened: the sound card's own clock.
 */
public final class SoundCardMicrophone implements Microphone {

    private static final Logger LOG = Logger.getLogger(SoundCardMicrophone.class.getName());
    static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);
    private static final AudioChunk END = new AudioChunk(-1, new float[0]);

    private final TargetDataLine line;
    private final BlockingQueue<AudioChunk> chunks = new ArrayBlockingQueue<>(320);
    private volatile boolean open = true;

    /** @param mixer a part of the mixer's name (as {@code arecord -L} or the JDK lists it), or blank for the default */
    public SoundCardMicrophone(String mixer, CaptureClock clock) {
        try {
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, FORMAT);
            line = (TargetDataLine) (mixer == null || mixer.isBlank() ? AudioSystem.getLine(info)
                    : AudioSystem.getMixer(find(mixer)).getLine(info));
            line.open(FORMAT, WavMicrophone.CHUNK * 2 * 8);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IllegalStateException("no 16 kHz mono microphone" + (mixer == null || mixer.isBlank() ? ""
                    : " on mixer \"" + mixer + "\"") + ": " + e.getMessage(), e);
        }
        long originUs = clock.nowUs();
        line.start();
        Thread.ofPlatform().daemon().name("microphone").start(() -> capture(originUs));
    }

    private static Mixer.Info find(String name) {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().contains(name)) {
                return info;
            }
        }
        throw new IllegalArgumentException("no mixer named like \"" + name + "\"");
    }

    private void capture(long originUs) {
        byte[] bytes = new byte[WavMicrophone.CHUNK * 2];
        long samples = 0;
        while (open) {
            int n = line.read(bytes, 0, bytes.length);
            if (n <= 0) {
                break;
            }
            float[] chunk = new float[n / 2];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8)) / 32768f;
            }
            AudioChunk captured = new AudioChunk(originUs + samples * 1_000_000L / 16_000, chunk);
            samples += chunk.length;
            while (!chunks.offer(captured)) {
                chunks.poll();
            }
        }
        chunks.offer(END);
        LOG.info("the microphone closed");
    }

    @Override
    public AudioChunk next() throws InterruptedException {
        AudioChunk chunk = chunks.take();
        return chunk == END ? null : chunk;
    }

    @Override
    public void discardPending() {
        chunks.clear();
    }

    @Override
    public void close() {
        open = false;
        line.stop();
        line.close();
    }
}
