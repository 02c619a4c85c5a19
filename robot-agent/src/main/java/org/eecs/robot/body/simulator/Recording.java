package org.eecs.robot.body.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything the simulated body was told, with the monotonic time it was told (its {@code Ticker}'s: the machine's
 * {@link System#nanoTime()} but in tests), so that tests and developers can see what was performed and when. Keeps the latest {@value #LIMIT} events of each kind.
 */
public final class Recording {

    static final int LIMIT = 200_000;

    /** A face frame shown at {@code nanos}, meant for {@code atUs} on the performance's timeline. */
    public record FaceShown(long nanos, long atUs, float[] values) {
    }

    /** A joint target received at {@code nanos}, meant for {@code atUs} on the performance's timeline. */
    public record JointsSent(long nanos, long atUs, double[] positions) {
    }

    /**
     * Speech started at {@code nanos}; the simulated sound card plays {@code clockRate} times as fast as it should
     * (1.0 exact; a real crystal is off by tens of parts per million).
     */
    public record PlaybackStarted(long nanos, int samples, int sampleRate, double clockRate) {

        /** When the sound card played the audio {@code audioUs} into this speech. */
        public long nanosAtAudio(long audioUs) {
            return nanos + Math.round(audioUs * 1000 / clockRate);
        }
    }

    public record PlaybackStopped(long nanos, long playedSamples) {
    }

    public record Halted(long nanos) {
    }

    private final Deque<FaceShown> faces = new ArrayDeque<>();
    private final Deque<JointsSent> joints = new ArrayDeque<>();
    private final Deque<PlaybackStarted> playbacks = new ArrayDeque<>();
    private final Deque<PlaybackStopped> stops = new ArrayDeque<>();
    private final Deque<Halted> halts = new ArrayDeque<>();

    synchronized void face(FaceShown event) {
        keep(faces, event);
    }

    synchronized void joints(JointsSent event) {
        keep(joints, event);
    }

    synchronized void playback(PlaybackStarted event) {
        keep(playbacks, event);
    }

    synchronized void stopped(PlaybackStopped event) {
        keep(stops, event);
    }

    synchronized void halted(Halted event) {
        keep(halts, event);
    }

    public synchronized List<FaceShown> faces() {
        return new ArrayList<>(faces);
    }

    public synchronized List<JointsSent> joints() {
        return new ArrayList<>(joints);
    }

    public synchronized List<PlaybackStarted> playbacks() {
        return new ArrayList<>(playbacks);
    }

    public synchronized List<PlaybackStopped> playbackStops() {
        return new ArrayList<>(stops);
    }

    public synchronized List<Halted> halts() {
        return new ArrayList<>(halts);
    }

    public synchronized void clear() {
        faces.clear();
        joints.clear();
        playbacks.clear();
        stops.clear();
        halts.clear();
    }

    @Override
    public synchronized String toString() {
        return "Recording[" + playbacks.size() + " speeches, " + faces.size() + " face frames, " + joints.size()
                + " joint targets, " + halts.size() + " halts]";
    }

    private static <T> void keep(Deque<T> events, T event) {
        if (events.size() == LIMIT) {
            events.removeFirst();
        }
        events.addLast(event);
    }
}
