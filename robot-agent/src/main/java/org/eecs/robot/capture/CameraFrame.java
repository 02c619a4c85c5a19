package org.eecs.robot.capture;

import java.util.Objects;

/** One encoded camera image (JPEG or PNG) and when it was captured, in microseconds on the capture clock. */
public record CameraFrame(long capturedAtUs, byte[] image, String mediaType) {

    public CameraFrame {
        Objects.requireNonNull(image, "image");
        if (!mediaType.equals("image/jpeg") && !mediaType.equals("image/png")) {
            throw new IllegalArgumentException("frames are image/jpeg or image/png, got " + mediaType);
        }
    }

    /** The media type from the image's own first bytes. */
    public static String mediaTypeOf(byte[] image) {
        if (image.length > 3 && (image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (image.length > 8 && (image[0] & 0xFF) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return "image/png";
        }
        throw new IllegalArgumentException("neither a JPEG nor a PNG image");
    }
}
