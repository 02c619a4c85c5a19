package org.eecs.adapter.out.recognition.face;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the expression adapter needs to know about an ONNX facial expression model, so that another model
 * (for example FER+ with 8 classes, or an NCHW RGB model) plugs in by configuration alone.
 *
 * <p>A crop pixel {@code x} (0..255) of channel {@code c} is fed as {@code (x / 255 - mean[c]) / std[c]}; one
 * value in {@code mean} or {@code std} applies to every channel. FER2013 mini-Xception's {@code (g/255 - 0.5) * 2}
 * is mean 0.5, std 0.5; a model that takes raw 0..255 pixels is mean 0, std 1/255. A one-channel model gets the
 * luma {@code 0.299 R + 0.587 G + 0.114 B}; a three-channel model gets R, G, B in that order.
 *
 * @param resource   classpath resource of the ONNX file
 * @param sha256     its SHA-256 (lower-case hex), checked before the model is run
 * @param name       model name recorded with each observation
 * @param version    model version recorded with each observation
 * @param inputSize  the square input's side in pixels
 * @param layout     the input tensor's layout
 * @param channels   1 (grayscale) or 3 (RGB)
 * @param mean       per-channel mean on the 0..1 scale (1 or {@code channels} values)
 * @param std        per-channel standard deviation on the 0..1 scale (1 or {@code channels} values)
 * @param labels     the output's classes in the model's order, lower-case words such as "happy"
 * @param softmaxed  whether the output already is a probability distribution; if not, softmax is applied
 */
record ExpressionModelDescriptor(String resource, String sha256, String name, String version, int inputSize,
                                 Layout layout, int channels, List<Double> mean, List<Double> std,
                                 List<String> labels, boolean softmaxed) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z_]*");

    /** The shipped default: FER2013 mini-Xception from {@code @vladmandic/human@3.3.6} (see models/PROVENANCE.md). */
    static final ExpressionModelDescriptor FER2013_MINI_XCEPTION = new ExpressionModelDescriptor(
            "/models/emotion-fer2013-minixception.onnx",
            "3a847cf5aacecf473f1550c2ae9b15413b687c164eeba90b56fc6023d42ceb48",
            "fer2013-mini-xception", "vladmandic-human-3.3.6-onnx-opset13",
            64, Layout.NHWC, 1, List.of(0.5), List.of(0.5),
            List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"), true);

    enum Layout {
        /** [N, height, width, channels] */
        NHWC,
        /** [N, channels, height, width] */
        NCHW
    }

    ExpressionModelDescriptor {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(layout, "layout");
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("expression model sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (inputSize < 8 || inputSize > 1024) {
            throw new IllegalArgumentException("expression model input size must be 8..1024 pixels, got " + inputSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("expression model channels must be 1 or 3, got " + channels);
        }
        mean = perChannel("mean", mean, channels);
        std = perChannel("std", std, channels);
        for (double s : std) {
            if (s == 0) {
                throw new IllegalArgumentException("expression model std must not be 0");
            }
        }
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (labels.size() < 2 || new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("expression model needs at least two distinct labels, got " + labels);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("expression label must be lower-case letters and underscores, got \""
                        + label + "\"");
            }
        }
    }

    private static List<Double> perChannel(String what, List<Double> values, int channels) {
        Objects.requireNonNull(values, what);
        if (values.size() == 1) {
            return java.util.Collections.nCopies(channels, values.getFirst());
        }
        if (values.size() != channels) {
            throw new IllegalArgumentException("expression model " + what + " needs 1 or " + channels
                    + " values, got " + values);
        }
        return List.copyOf(values);
    }
}
