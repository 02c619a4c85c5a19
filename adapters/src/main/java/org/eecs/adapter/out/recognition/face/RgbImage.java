package org.eecs.adapter.out.recognition.face;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;

/**
 * A decoded frame: packed {@code 0xRRGGBB} pixels, row by row. Sampling outside the image gives black, which is
 * also what the detector's letterbox pads with.
 */
record RgbImage(int width, int height, int[] pixels) {

    RgbImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("an image needs width x height pixels, got " + width + "x" + height
                    + " and " + pixels.length);
        }
    }

    static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getSampleModel() instanceof ComponentSampleModel model
                && model.getScanlineStride() == w * 3 && model.getPixelStride() == 3
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            // the JPEG decoder's usual result: read the bytes directly, much faster than getRGB
            byte[] bgr = buffer.getData();
            for (int i = 0, j = 0; i < pixels.length; i++, j += 3) {
                pixels[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
            }
        } else {
            image.getRGB(0, 0, w, h, pixels, 0, w);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] &= 0xffffff;
            }
        }
        return new RgbImage(w, h, pixels);
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
        int p00 = at(x0, y0);
        int p10 = at(x0 + 1, y0);
        int p01 = at(x0, y0 + 1);
        int p11 = at(x0 + 1, y0 + 1);
        for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
            float top = ((p00 >> shift) & 0xff) * (1 - ax) + ((p10 >> shift) & 0xff) * ax;
            float bottom = ((p01 >> shift) & 0xff) * (1 - ax) + ((p11 >> shift) & 0xff) * ax;
            out[c] = top * (1 - ay) + bottom * ay;
        }
    }

    private int at(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 0;
        }
        return pixels[y * width + x];
    }
}
