package org.eecs.robot.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Camera frames through an ffmpeg child process, which does what Java cannot portably do: open a capture device
 * (V4L2 on Linux, e.g. {@code /dev/video0}) or decode a video file. ffmpeg writes the frames as a stream of JPEG
 * images at {@code fps} to its standard output; each is cut at its end-of-image marker (JPEG stuffs every 0xFF in
 * its entropy-coded data, so 0xFFD9 appears nowhere else) and kept in a {@link FrameBuffer}.
 *
 * <p>Device frames are stamped with the capture clock as they arrive; a video file is read at its own pace
 * ({@code -re}) and its frames are stamped with their time in the file, like a file microphone's samples.
 */
public final class FfmpegCamera implements Camera {

    private static final Logger LOG = Logger.getLogger(FfmpegCamera.class.getName());
    static final long KEEP_US = 60_000_000;

    private final Process ffmpeg;
    private final FrameBuffer buffer = new FrameBuffer(KEEP_US);
    private final Thread reader;
    private final StringBuilder errors = new StringBuilder();
    private volatile int frames;

    private FfmpegCamera(List<String> command, CaptureClock clock, double fps, boolean fileTime) {
        try {
            ffmpeg = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("ffmpeg cannot be started (is it installed? Debian: apt-get install "
                    + "ffmpeg): " + e.getMessage(), e);
        }
        Thread.ofPlatform().daemon().name("ffmpeg-camera-errors").start(() -> collectErrors(ffmpeg.getErrorStream()));
        reader = Thread.ofPlatform().daemon().name("ffmpeg-camera").start(() -> read(ffmpeg.getInputStream(), clock,
                fps, fileTime));
    }

    /** A capture device, e.g. {@code /dev/video0}, at {@code fps} frames a second. */
    public static FfmpegCamera device(String device, double fps, CaptureClock clock) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        if (device.startsWith("/dev/video")) {
            command.addAll(List.of("-f", "v4l2"));
        }
        command.addAll(List.of("-i", device));
        return new FfmpegCamera(output(command, fps), clock, fps, false);
    }

    /** A video file played in real time from the start of capture. */
    public static FfmpegCamera videoFile(Path file, double fps, CaptureClock clock) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-re", "-i", file.toString()));
        return new FfmpegCamera(output(command, fps), clock, fps, true);
    }

    private static List<String> output(List<String> command, double fps) {
        command.addAll(List.of("-an", "-vf", String.format(Locale.ROOT, "fps=%.3f", fps), "-q:v", "5",
                "-f", "image2pipe", "-vcodec", "mjpeg", "-"));
        return command;
    }

    /** Frames received so far. */
    public int frames() {
        return frames;
    }

    /** Waits until ffmpeg has ended (a video file played to its end) or {@code millis} passed. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        reader.join(millis);
        return !reader.isAlive();
    }

    @Override
    public List<CameraFrame> framesBetween(long fromUs, long toUs) {
        return buffer.between(fromUs, toUs);
    }

    @Override
    public void close() {
        ffmpeg.destroy();
    }

    private void read(InputStream in, CaptureClock clock, double fps, boolean fileTime) {
        ByteArrayOutputStream image = new ByteArrayOutputStream(64 * 1024);
        byte[] chunk = new byte[64 * 1024];
        int previous = -1;
        boolean inImage = false;
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = chunk[i] & 0xFF;
                    if (!inImage) {
                        if (previous == 0xFF && b == 0xD8) {
                            inImage = true;
                            image.reset();
                            image.write(0xFF);
                            image.write(0xD8);
                        }
                    } else {
                        image.write(b);
                        if (previous == 0xFF && b == 0xD9) {
                            long at = fileTime ? Math.round(frames * 1e6 / fps) : clock.nowUs();
                            buffer.add(new CameraFrame(at, image.toByteArray(), "image/jpeg"));
                            frames++;
                            inImage = false;
                            b = -1;
                        }
                    }
                    previous = b;
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "the camera stream broke: " + e.getMessage());
        }
        int exit;
        try {
            exit = ffmpeg.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (exit != 0 && frames == 0) {
            LOG.warning(() -> "ffmpeg ended (" + exit + ") without a frame: " + errors.toString().strip());
        }
    }

    private void collectErrors(InputStream err) {
        try (err) {
            byte[] bytes = err.readAllBytes();
            synchronized (errors) {
                errors.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // ffmpeg went away
        }
    }
}
