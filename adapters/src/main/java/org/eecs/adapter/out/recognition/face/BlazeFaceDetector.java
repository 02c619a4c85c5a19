package org.eecs.adapter.out.recognition.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eecs.perception.onnx.VerifiedModel;

/**
 * BlazeFace (front camera, 256x256) on ONNX Runtime: finds faces and their 6 keypoints in a frame.
 *
 * <p>The frame is letterboxed into the 256x256 input: scaled by {@code 256 / max(width, height)} (aspect ratio
 * kept, bilinear, edge pixels repeated at the image's border), centred, the rest black; pixels fed as RGB {@code x / 127.5 - 1}. Each of the 896 anchors
 * (a 16x16 grid with 2 anchors a cell at stride 16, then an 8x8 grid with 6 a cell at stride 32, each at its
 * cell's centre) predicts a score logit and 16 numbers in input pixels: the box centre's offset from the anchor,
 * the box's width and height, and the 6 keypoints' offsets from the anchor. Scores are sigmoided (logits clipped
 * to +-100), boxes with a score below {@code minScore} dropped, and the rest reduced by greedy non-maximum
 * suppression (highest score first; a box overlapping a kept one by more than {@code iouThreshold} is dropped).
 * Boxes and keypoints are mapped back to the original frame's pixels.
 *
 * <p>The input is laid out as the model declares it: {@code [1,3,256,256]} (planes, the shipped
 * {@code blazeface-front-256-nchwc}, see models/PROVENANCE.md) or {@code [1,256,256,3]} (interleaved, the model as
 * converted from TF.js).
 *
 * <p>One ONNX session, loaded once with its SHA-256 checked; {@link #detect} is thread-safe.
 */
final class BlazeFaceDetector implements AutoCloseable {

    static final int INPUT_SIZE = 256;
    private static final int ANCHORS = 896;
    private static final int VALUES = 16;
    private static final float[] ANCHOR_X = new float[ANCHORS];
    private static final float[] ANCHOR_Y = new float[ANCHORS];

    static {
        int i = 0;
        int[][] layers = {{16, 2}, {32, 6}}; // stride, anchors a cell
        for (int[] layer : layers) {
            int stride = layer[0];
            int cells = INPUT_SIZE / stride;
            for (int gy = 0; gy < cells; gy++) {
                for (int gx = 0; gx < cells; gx++) {
                    for (int n = 0; n < layer[1]; n++) {
                        ANCHOR_X[i] = stride * (gx + 0.5f);
                        ANCHOR_Y[i] = stride * (gy + 0.5f);
                        i++;
                    }
                }
            }
        }
    }

    private final VerifiedModel model;
    private final double minScore;
    private final double iouThreshold;
    private final boolean planar;
    private final long[] inputShape;

    BlazeFaceDetector(VerifiedModel model, double minScore, double iouThreshold) {
        this.model = model;
        this.minScore = minScore;
        this.iouThreshold = iouThreshold;
        this.planar = planar(model);
        this.inputShape = planar ? new long[]{1, 3, INPUT_SIZE, INPUT_SIZE} : new long[]{1, INPUT_SIZE, INPUT_SIZE, 3};
    }

    /** Whether this detector's model takes its input as planes. */
    boolean planar() {
        return planar;
    }

    /** Whether the model takes planes ({@code [1,3,256,256]}) or interleaved pixels ({@code [1,256,256,3]}). */
    private static boolean planar(VerifiedModel model) {
        try {
            NodeInfo input = model.session().getInputInfo().get("input");
            if (input != null && input.getInfo() instanceof TensorInfo tensor) {
                long[] shape = tensor.getShape();
                if (java.util.Arrays.equals(shape, new long[]{1, 3, INPUT_SIZE, INPUT_SIZE})) {
                    return true;
                }
                if (java.util.Arrays.equals(shape, new long[]{1, INPUT_SIZE, INPUT_SIZE, 3})) {
                    return false;
                }
            }
            throw new IllegalStateException("BlazeFace model " + model.name() + " must take an input 'input' of [1,3,"
                    + INPUT_SIZE + "," + INPUT_SIZE + "] or [1," + INPUT_SIZE + "," + INPUT_SIZE + ",3], found "
                    + (input == null ? "none" : input.getInfo()));
        } catch (OrtException e) {
            throw new IllegalStateException("could not read the input of " + model.name(), e);
        }
    }

    /**
     * Each thread's input, letterboxed in place: a direct buffer, which ONNX Runtime reads without a copy (a heap
     * array would be copied into a fresh direct buffer of 768 KB on every frame).
     */
    private static final ThreadLocal<FloatBuffer> INPUT = ThreadLocal.withInitial(() -> ByteBuffer
            .allocateDirect(INPUT_SIZE * INPUT_SIZE * 3 * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer());

    /** The faces found, best score first. */
    List<DetectedFace> detect(RgbImage image) {
        double scale = (double) INPUT_SIZE / Math.max(image.width(), image.height());
        double padX = (INPUT_SIZE - image.width() * scale) / 2;
        double padY = (INPUT_SIZE - image.height() * scale) / 2;
        FloatBuffer input = INPUT.get();
        letterbox(image, scale, padX, padY, planar, input);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, inputShape);
             OrtSession.Result result = model.session().run(Map.of("input", tensor))) {
            float[] scores = new float[ANCHORS];
            float[] boxes = new float[ANCHORS * VALUES];
            read(result, "Identity", scores, 0);
            read(result, "Identity_1", scores, 512);
            read(result, "Identity_2", boxes, 0);
            read(result, "Identity_3", boxes, 512 * VALUES);
            return decode(scores, boxes, scale, padX, padY);
        } catch (OrtException e) {
            throw new IllegalStateException("BlazeFace failed on a " + image.width() + "x" + image.height()
                    + " frame: " + e.getMessage(), e);
        }
    }

    private static void read(OrtSession.Result result, String name, float[] into, int offset) {
        OnnxTensor tensor = (OnnxTensor) result.get(name)
                .orElseThrow(() -> new IllegalStateException("BlazeFace gave no output " + name));
        FloatBuffer buffer = tensor.getFloatBuffer();
        buffer.get(into, offset, buffer.remaining());
    }

    /**
     * Bilinear resize into the centred letterbox, the rest -1 (black), written row by row into {@code input}
     * (as three planes R, G, B when {@code planar}, else interleaved R, G, B); the column taps are computed once,
     * and each row (of each plane) goes in with one bulk copy.
     */
    static void letterbox(RgbImage image, double scale, double padX, double padY, boolean planar, FloatBuffer input) {
        int u0 = (int) Math.floor(padX);
        int v0 = (int) Math.floor(padY);
        int u1 = (int) Math.ceil(INPUT_SIZE - padX);
        int v1 = (int) Math.ceil(INPUT_SIZE - padY);
        int w = image.width();
        int h = image.height();
        int[] left = new int[INPUT_SIZE];
        int[] right = new int[INPUT_SIZE];
        float[] ax = new float[INPUT_SIZE];
        for (int u = u0; u < u1; u++) {
            double fx = (u + 0.5 - padX) / scale - 0.5;
            int x = (int) Math.floor(fx);
            ax[u] = (float) (fx - x);
            left[u] = Math.clamp(x, 0, w - 1) * 3;
            right[u] = Math.clamp(x + 1, 0, w - 1) * 3;
        }
        byte[] samples = image.samples();
        RgbImage.Encoding encoding = image.encoding();
        float[] row = new float[INPUT_SIZE * 3];
        float[] blank = new float[INPUT_SIZE * 3];
        float[] rgb = new float[3];
        java.util.Arrays.fill(blank, -1f);
        java.util.Arrays.fill(row, -1f);
        // planes: R at 0, G at INPUT_SIZE, B at 2 * INPUT_SIZE of the row, each copied to its plane
        int stride = planar ? 1 : 3;
        int[] channel = planar ? new int[]{0, INPUT_SIZE, 2 * INPUT_SIZE} : new int[]{0, 1, 2};
        int plane = INPUT_SIZE * INPUT_SIZE;
        input.clear();
        for (int v = 0; v < INPUT_SIZE; v++) {
            if (v < v0 || v >= v1) {
                put(input, v, blank, planar, plane);
                continue;
            }
            double fy = (v + 0.5 - padY) / scale - 0.5;
            int y = (int) Math.floor(fy);
            float ay = (float) (fy - y);
            int top = Math.clamp(y, 0, h - 1) * w * 3;
            int bottom = Math.clamp(y + 1, 0, h - 1) * w * 3;
            for (int u = u0; u < u1; u++) {
                float a = ax[u];
                int tl = top + left[u];
                int tr = top + right[u];
                int bl = bottom + left[u];
                int br = bottom + right[u];
                RgbImage.toRgb(bilinear(samples, tl, tr, bl, br, a, ay),
                        bilinear(samples, tl + 1, tr + 1, bl + 1, br + 1, a, ay),
                        bilinear(samples, tl + 2, tr + 2, bl + 2, br + 2, a, ay), encoding, rgb);
                int at = u * stride;
                row[at + channel[0]] = rgb[0] / 127.5f - 1;
                row[at + channel[1]] = rgb[1] / 127.5f - 1;
                row[at + channel[2]] = rgb[2] / 127.5f - 1;
            }
            put(input, v, row, planar, plane);
        }
    }

    /** Row {@code v}: interleaved, one copy; planar, each third of {@code row} into its plane. */
    private static void put(FloatBuffer input, int v, float[] row, boolean planar, int plane) {
        if (planar) {
            for (int c = 0; c < 3; c++) {
                input.put(c * plane + v * INPUT_SIZE, row, c * INPUT_SIZE, INPUT_SIZE);
            }
        } else {
            input.put(v * INPUT_SIZE * 3, row, 0, INPUT_SIZE * 3);
        }
    }

    private static float bilinear(byte[] samples, int tl, int tr, int bl, int br, float a, float ay) {
        float upper = (samples[tl] & 0xff) * (1 - a) + (samples[tr] & 0xff) * a;
        float lower = (samples[bl] & 0xff) * (1 - a) + (samples[br] & 0xff) * a;
        return upper * (1 - ay) + lower * ay;
    }

    private List<DetectedFace> decode(float[] logits, float[] raw, double scale, double padX, double padY) {
        List<DetectedFace> candidates = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            double logit = Math.max(-100, Math.min(100, logits[i]));
            double score = 1 / (1 + Math.exp(-logit));
            if (score < minScore) {
                continue;
            }
            int at = i * VALUES;
            double cx = ANCHOR_X[i] + raw[at];
            double cy = ANCHOR_Y[i] + raw[at + 1];
            double w = raw[at + 2];
            double h = raw[at + 3];
            if (w <= 0 || h <= 0) {
                continue;
            }
            double[] keypoints = new double[2 * DetectedFace.KEYPOINTS];
            for (int k = 0; k < DetectedFace.KEYPOINTS; k++) {
                keypoints[2 * k] = (ANCHOR_X[i] + raw[at + 4 + 2 * k] - padX) / scale;
                keypoints[2 * k + 1] = (ANCHOR_Y[i] + raw[at + 5 + 2 * k] - padY) / scale;
            }
            candidates.add(new DetectedFace((cx - w / 2 - padX) / scale, (cy - h / 2 - padY) / scale,
                    w / scale, h / scale, score, keypoints));
        }
        candidates.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> kept = new ArrayList<>();
        for (DetectedFace candidate : candidates) {
            if (kept.stream().allMatch(face -> face.intersectionOverUnion(candidate) <= iouThreshold)) {
                kept.add(candidate);
            }
        }
        return List.copyOf(kept);
    }

    @Override
    public void close() {
        model.close();
    }
}
