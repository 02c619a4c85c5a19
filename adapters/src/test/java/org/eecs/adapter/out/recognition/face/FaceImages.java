package org.eecs.adapter.out.recognition.face;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** The committed face photos (see src/test/resources/faces/README.md) and the synthetic frames built from them. */
public final class FaceImages {

    private FaceImages() {
    }

    /** A photo from src/test/resources/faces, e.g. "sample3-middle.jpg", as its encoded bytes. */
    public static byte[] photo(String name) {
        try (InputStream in = FaceImages.class.getResourceAsStream("/faces/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test photo " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage image(String name) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(photo(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpeg");
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage plain(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A canvas of the given size and colour with {@code photo} drawn scaled to {@code w x h} at (x, y). */
    static BufferedImage placed(BufferedImage photo, int canvasWidth, int canvasHeight, int x, int y, int w, int h) {
        BufferedImage canvas = plain(canvasWidth, canvasHeight, Color.GRAY);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(photo, x, y, w, h, null);
        g.dispose();
        return canvas;
    }

    /** The photo turned by {@code degrees} clockwise about its centre, corners filled grey. */
    static BufferedImage rotated(BufferedImage photo, double degrees) {
        BufferedImage canvas = plain(photo.getWidth(), photo.getHeight(), Color.GRAY);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.rotate(Math.toRadians(degrees), photo.getWidth() / 2.0, photo.getHeight() / 2.0);
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        return canvas;
    }

    /** The first {@code fraction} of the encoded bytes, as a file cut off in transfer. */
    static byte[] truncated(byte[] encoded, double fraction) {
        return Arrays.copyOf(encoded, (int) (encoded.length * fraction));
    }
}
