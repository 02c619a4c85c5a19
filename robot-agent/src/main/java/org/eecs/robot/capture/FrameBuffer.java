package org.eecs.robot.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The recent frames of a live camera: those of the last {@code keepUs} microseconds, and at most 64 MB of them. */
final class FrameBuffer {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final long keepUs;
    private final Deque<CameraFrame> frames = new ArrayDeque<>();
    private long bytes;

    FrameBuffer(long keepUs) {
        this.keepUs = keepUs;
    }

    synchronized void add(CameraFrame frame) {
        frames.addLast(frame);
        bytes += frame.image().length;
        while (!frames.isEmpty() && (frames.peekFirst().capturedAtUs() < frame.capturedAtUs() - keepUs
                || bytes > MAX_BYTES)) {
            bytes -= frames.removeFirst().image().length;
        }
    }

    synchronized List<CameraFrame> between(long fromUs, long toUs) {
        List<CameraFrame> found = new ArrayList<>();
        for (CameraFrame frame : frames) {
            if (frame.capturedAtUs() >= fromUs && frame.capturedAtUs() < toUs) {
                found.add(frame);
            }
        }
        return found;
    }

    synchronized int size() {
        return frames.size();
    }
}
