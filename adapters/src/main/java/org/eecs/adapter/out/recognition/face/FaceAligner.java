package org.eecs.adapter.out.recognition.face;

/**
 * Cuts the face out of a frame for the expression model, aligned by the eyes.
 *
 * <p>The crop is a square of side {@code max(box width, box height) * (1 + margin)} centred on the detector's
 * box, turned by the angle of the line between the two eyes so that the eyes come out level, and resampled to the
 * model's input size (bilinear, with k x k supersampling when the crop shrinks by a factor k > 1, k at most 3).
 * The model's input tensor is filled directly: luma {@code 0.299 R + 0.587 G + 0.114 B} (a JPEG frame's own Y)
 * for a one-channel model, R, G, B for a three-channel one, each normalised as the descriptor says, in its layout.
 */
final class FaceAligner {

    private static final int MAX_SUPERSAMPLING = 3;

    private final ExpressionModelDescriptor descriptor;
    private final double margin;
    private final float[] mean;
    private final float[] std;

    FaceAligner(ExpressionModelDescriptor descriptor, double margin) {
        if (!(margin >= 0 && margin <= 2)) {
            throw new IllegalArgumentException("the crop margin must be 0..2 (a fraction of the face box), got " + margin);
        }
        this.descriptor = descriptor;
        this.margin = margin;
        this.mean = new float[descriptor.channels()];
        this.std = new float[descriptor.channels()];
        for (int c = 0; c < descriptor.channels(); c++) {
            mean[c] = descriptor.mean().get(c).floatValue();
            std[c] = descriptor.std().get(c).floatValue();
        }
    }

    /** The values of one input, {@code inputSize * inputSize * channels} floats in the descriptor's layout. */
    float[] crop(RgbImage image, DetectedFace face) {
        int size = descriptor.inputSize();
        int channels = descriptor.channels();
        double side = Math.max(face.width(), face.height()) * (1 + margin);
        double step = side / size;
        int k = (int) Math.max(1, Math.min(MAX_SUPERSAMPLING, Math.ceil(step)));
        double angle = face.eyeLineAngle();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = face.centreX();
        double cy = face.centreY();
        float[] values = new float[size * size * channels];
        float[] rgb = new float[3];
        float[] sum = new float[3];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                sum[0] = sum[1] = sum[2] = 0;
                for (int sv = 0; sv < k; sv++) {
                    double dy = (v + (sv + 0.5) / k) * step - side / 2;
                    for (int su = 0; su < k; su++) {
                        double dx = (u + (su + 0.5) / k) * step - side / 2;
                        double x = cx + dx * cos - dy * sin;
                        double y = cy + dx * sin + dy * cos;
                        if (channels == 1) {
                            sum[0] += image.sampleLuma(x, y, rgb);
                        } else {
                            image.sample(x, y, rgb);
                            sum[0] += rgb[0];
                            sum[1] += rgb[1];
                            sum[2] += rgb[2];
                        }
                    }
                }
                float n = k * k;
                if (channels == 1) {
                    values[v * size + u] = (sum[0] / n / 255f - mean[0]) / std[0];
                } else {
                    for (int c = 0; c < 3; c++) {
                        float x = (sum[c] / n / 255f - mean[c]) / std[c];
                        int at = descriptor.layout() == ExpressionModelDescriptor.Layout.NHWC
                                ? (v * size + u) * 3 + c
                                : (c * size + v) * size + u;
                        values[at] = x;
                    }
                }
            }
        }
        return values;
    }

    /**
     * How much two crops of this aligner differ: the mean absolute difference of their values, in grey levels
     * (0..255, undoing each channel's normalisation). Two crops of the same place in consecutive frames of a
     * still face differ by a few levels; a face that moved, turned or left the place by tens.
     */
    double difference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("crops of " + a.length + " and " + b.length + " values");
        }
        int channels = descriptor.channels();
        int plane = descriptor.inputSize() * descriptor.inputSize();
        boolean nhwc = descriptor.layout() == ExpressionModelDescriptor.Layout.NHWC;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int c = channels == 1 ? 0 : nhwc ? i % channels : i / plane % channels;
            sum += Math.abs(a[i] - b[i]) * std[c];
        }
        return sum * 255 / a.length;
    }
}
