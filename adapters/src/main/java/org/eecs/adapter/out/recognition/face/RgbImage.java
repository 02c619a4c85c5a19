package org.eecs.adapter.out.recognition.face;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;

/**
 * A decoded frame: 3 bytes a pixel in B, G, R order, row by row (the JPEG decoder's own layout, so a decoded JPEG
 * is taken over without copying). Sampling outside the image gives black, which is also what the detector's
 * letterbox pads with.
 */
record RgbImage(int width, int height, byte[] bgr) {

    RgbImage {
        if (width <= 0 || height <= 0 || bgr.length != width * height * 3) {
            throw new IllegalArgumentException("an image needs width x height x 3 bytes, got " + width + "x" + height
                    + " and " + bgr.length);
        }
    }

    static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1
                && buffer.getData().length == w * h * 3
                && image.getRaster().getSampleModel() instanceof ComponentSampleModel model
                && model.getScanlineStride() == w * 3 && model.getPixelStride() == 3
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            // the JPEG decoder's usual result, a fresh buffer nobody else holds: take it as it is
            return new RgbImage(w, h, buffer.getData());
        }
        int[] packed = image.getRGB(0, 0, w, h, null, 0, w);
        return fromPacked(w, h, packed);
    }

    /** From packed {@code 0x..RRGGBB} pixels, row by row. */
    static RgbImage fromPacked(int width, int height, int[] packed) {
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
            bgr[j] = (byte) packed[i];
            bgr[j + 1] = (byte) (packed[i] >> 8);
            bgr[j + 2] = (byte) (packed[i] >> 16);
        }
        return new RgbImage(width, height, bgr);
    }

    /**
     * Bilinear sample at (x, y) in pixel coordinates (pixel centres at +0.5), written as R, G, B (0..255 floats)
     * into {@code out}.
     */
    void sample(double x, double y, float[] out) {
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
        for (int c = 0; c < 3; c++) {
            int offset = 2 - c; // R, G, B out of B, G, R
            float top = value(i00, offset) * (1 - ax) + value(i10, offset) * ax;
            float bottom = value(i01, offset) * (1 - ax) + value(i11, offset) * ax;
            out[c] = top * (1 - ay) + bottom * ay;
        }
    }

    private int at(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return -1;
        }
        return (y * width + x) * 3;
    }

    private int value(int index, int offset) {
        return index < 0 ? 0 : bgr[index + offset] & 0xff;
    }
}
