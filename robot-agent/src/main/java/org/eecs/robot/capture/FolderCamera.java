package org.eecs.robot.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of JPEG or PNG images played as a clip "as if the patient were filmed": in name order, {@code fps} a
 * second from the start of capture (frame {@code i} at {@code i / fps} s), which is where a file microphone starts
 * too. After the last image the camera shows nothing more.
 */
public final class FolderCamera implements Camera {

    private final List<CameraFrame> frames;

    public FolderCamera(Path folder, double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        List<Path> images;
        try (Stream<Path> files = Files.list(folder)) {
            images = files.filter(FolderCamera::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the camera folder " + folder + " cannot be read", e);
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the camera folder " + folder + " holds no .jpg, .jpeg or .png image");
        }
        frames = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            try {
                byte[] image = Files.readAllBytes(images.get(i));
                frames.add(new CameraFrame(Math.round(i * 1e6 / fps), image, CameraFrame.mediaTypeOf(image)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + images.get(i), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(images.get(i) + ": " + e.getMessage(), e);
            }
        }
    }

    public int size() {
        return frames.size();
    }

    @Override
    public List<CameraFrame> framesBetween(long fromUs, long toUs) {
        return frames.stream().filter(f -> f.capturedAtUs() >= fromUs && f.capturedAtUs() < toUs).toList();
    }

    @Override
    public void close() {
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
    }
}
