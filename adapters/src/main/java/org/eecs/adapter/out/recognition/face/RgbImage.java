package org.eecs.adapter.out.recognition.face;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * A decoded frame, 3 bytes a pixel row by row, read as RGB: either B, G, R (the JPEG decoder's colour-converted
 * layout, taken over without copying) or the JPEG's own Y, Cb, Cr (JFIF, full range), converted only where it is
 * sampled: the detector's letterbox samples about a sixth of a 640x480 frame, and a grey crop needs the luma
 * alone, which is Y itself (JFIF's Y is {@code 0.299 R + 0.587 G + 0.114 B}, the crop's luma). Sampling outside the
 * image gives black, which is also what the detector's letterbox pads with.
 */
record RgbImage(int width, int height, byte[] samples, Encoding encoding) {

    /** How the 3 bytes of a pixel are to be read. */
    enum Encoding { BGR, YCBCR }

    RgbImage {
        if (width <= 0 || height <= 0 || samples.length != width * height * 3) {
            throw new IllegalArgumentException("an image needs width x height x 3 bytes, got " + width + "x" + height
                    + " and " + samples.length);
        }
    }

    static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] taken = interleaved(image.getRaster(), new int[]{2, 1, 0});
            if (taken != null) {
                // the JPEG decoder's usual result, a fresh buffer nobody else holds: take it as it is
                return new RgbImage(w, h, taken, Encoding.BGR);
            }
        }
        int[] packed = image.getRGB(0, 0, w, h, null, 0, w);
        return fromPacked(w, h, packed);
    }

    /** A JPEG's raster as decoded without colour conversion: Y, Cb, Cr, taken over without copying when it can be. */
    static RgbImage ofYCbCr(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        if (raster.getNumBands() != 3) {
            throw new IllegalArgumentException("a YCbCr raster has 3 bands, got " + raster.getNumBands());
        }
        byte[] taken = interleaved(raster, new int[]{0, 1, 2});
        if (taken == null) {
            int[] values = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
            taken = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                taken[i] = (byte) values[i];
            }
        }
        return new RgbImage(w, h, taken, Encoding.YCBCR);
    }

    /** The raster's bytes when they are exactly 3 interleaved bytes a pixel with these band offsets, else null. */
    private static byte[] interleaved(Raster raster, int[] bandOffsets) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        if (raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && buffer.getData().length == w * h * 3
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && model.getScanlineStride() == w * 3 && model.getPixelStride() == 3
                && java.util.Arrays.equals(model.getBandOffsets(), bandOffsets)
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0) {
            return buffer.getData();
        }
        return null;
    }

    /** From packed {@code 0x..RRGGBB} pixels, row by row. */
    static RgbImage fromPacked(int width, int height, int[] packed) {
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            bgr[j] = (byte) packed[i];
            bgr[j + 1] = (byte) (packed[i] >> 8);
            bgr[j + 2] = (byte) (packed[i] >> 16);
        }
        return new RgbImage(width, height, bgr, Encoding.BGR);
    }

    /**
     * Bilinear sample at (x, y) in pixel coordinates (pixel centres at +0.5), written as R, G, B (0..255 floats)
     * into {@code out}.
     */
    void sample(double x, double y, float[] out) {
        interpolate(x, y, out, 3);
        toRgb(out[0], out[1], out[2], encoding, out);
    }

    /** Bilinear sample of the luma {@code 0.299 R + 0.587 G + 0.114 B} at (x, y), 0..255. */
    float sampleLuma(double x, double y, float[] scratch) {
        if (encoding == Encoding.YCBCR) {
            interpolate(x, y, scratch, 1);
            return scratch[0];
        }
        interpolate(x, y, scratch, 3);
        return 0.299f * scratch[2] + 0.587f * scratch[1] + 0.114f * scratch[0];
    }

    /**
     * The three stored bytes of pixels (as floats) to R, G, B into {@code out}: for YCbCr with JFIF's full-range
     * conversion, clamped to 0..255 as the JPEG decoder clamps. Bilinear interpolation commutes with the
     * (affine) conversion, so converting an interpolated sample is converting the pixels and interpolating them,
     * but where the clamp cuts.
     */
    static void toRgb(float c0, float c1, float c2, Encoding encoding, float[] out) {
        if (encoding == Encoding.BGR) {
            out[0] = c2;
            out[1] = c1;
            out[2] = c0;
            return;
        }
        float cb = c1 - 128;
        float cr = c2 - 128;
        out[0] = clamp(c0 + 1.402f * cr);
        out[1] = clamp(c0 - 0.344136f * cb - 0.714136f * cr);
        out[2] = clamp(c0 + 1.772f * cb);
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(255f, value));
    }

    /** The first {@code channels} stored channels, bilinearly interpolated at (x, y), into {@code out}. */
    private void interpolate(double x, double y, float[] out, int channels) {
        double fx = x - 0.5;
        double fy = y - 0.5;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        float ax = (float) (fx - x0);
        float ay = (float) (fy - y0);
        int i00 = at(x0, y0);
        int i10 = at(x0 + 1, y0);
        int i01 = at(x0, y0 + 1);
        int i11 = at(x0 + 1, y0 + 1);
        for (int c = 0; c < channels; c++) {
            float top = value(i00, c) * (1 - ax) + value(i10, c) * ax;
            float bottom = value(i01, c) * (1 - ax) + value(i11, c) * ax;
            out[c] = top * (1 - ay) + bottom * ay;
        }
    }

    private int at(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return -1;
        }
        return (y * width + x) * 3;
    }

    /** A stored byte; outside the image black, in the image's own encoding (Y 0, Cb and Cr 128 for YCbCr). */
    private int value(int index, int offset) {
        if (index < 0) {
            return encoding == Encoding.YCBCR && offset > 0 ? 128 : 0;
        }
        return samples[index + offset] & 0xff;
    }
}
