package org.eecs.adapter.out.recognition.face;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.eecs.perception.onnx.VerifiedModel;

/**
 * A facial expression classifier on ONNX Runtime, described by an {@link ExpressionModelDescriptor}: takes face
 * crops prepared by {@link FaceAligner} and answers one probability distribution over the descriptor's labels per
 * crop. Several crops go through the model as one batch when its first input dimension is dynamic. The model's
 * first input and first output are used; at load, the output's class count is checked against the labels.
 *
 * <p>One ONNX session, loaded once with its SHA-256 checked; {@link #classify} is thread-safe.
 */
final class ExpressionClassifier implements AutoCloseable {

    private final VerifiedModel model;
    private final ExpressionModelDescriptor descriptor;
    private final String inputName;
    private final String outputName;
    private final boolean batches;

    ExpressionClassifier(VerifiedModel model, ExpressionModelDescriptor descriptor) {
        this.model = model;
        this.descriptor = descriptor;
        try {
            Map.Entry<String, NodeInfo> input = model.session().getInputInfo().entrySet().iterator().next();
            Map.Entry<String, NodeInfo> output = model.session().getOutputInfo().entrySet().iterator().next();
            this.inputName = input.getKey();
            this.outputName = output.getKey();
            long[] inputShape = ((TensorInfo) input.getValue().getInfo()).getShape();
            long[] outputShape = ((TensorInfo) output.getValue().getInfo()).getShape();
            long classes = outputShape[outputShape.length - 1];
            if (classes > 0 && classes != descriptor.labels().size()) {
                throw new IllegalStateException("expression model " + descriptor.resource() + " answers " + classes
                        + " classes but " + descriptor.labels().size() + " labels are configured: "
                        + descriptor.labels());
            }
            this.batches = inputShape[0] != 1;
        } catch (OrtException e) {
            model.close();
            throw new IllegalStateException("cannot read the signature of " + descriptor.resource(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    ExpressionModelDescriptor descriptor() {
        return descriptor;
    }

    /** One distribution (summing to 1, in the labels' order) per crop. */
    double[][] classify(List<float[]> crops) {
        double[][] result = new double[crops.size()][];
        if (crops.isEmpty()) {
            return result;
        }
        if (batches) {
            run(crops, 0, crops.size(), result);
        } else {
            for (int i = 0; i < crops.size(); i++) {
                run(crops, i, i + 1, result);
            }
        }
        return result;
    }

    private void run(List<float[]> crops, int from, int to, double[][] into) {
        int size = descriptor.inputSize();
        int perCrop = size * size * descriptor.channels();
        int n = to - from;
        float[] input = new float[n * perCrop];
        for (int i = 0; i < n; i++) {
            System.arraycopy(crops.get(from + i), 0, input, i * perCrop, perCrop);
        }
        long[] shape = descriptor.layout() == ExpressionModelDescriptor.Layout.NHWC
                ? new long[]{n, size, size, descriptor.channels()}
                : new long[]{n, descriptor.channels(), size, size};
        int classes = descriptor.labels().size();
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(input), shape);
             OrtSession.Result result = model.session().run(Map.of(inputName, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(outputName)
                    .orElseThrow(() -> new IllegalStateException("no output " + outputName));
            FloatBuffer values = output.getFloatBuffer();
            if (values.remaining() != n * classes) {
                throw new IllegalStateException("expression model answered " + values.remaining() + " values for "
                        + n + " crops of " + classes + " classes");
            }
            for (int i = 0; i < n; i++) {
                double[] p = new double[classes];
                for (int c = 0; c < classes; c++) {
                    p[c] = values.get();
                }
                into[from + i] = descriptor.softmaxed() ? normalised(p) : softmax(p);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("expression model " + descriptor.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Float rounding leaves a softmax a hair off 1; the domain insists on 1 within 1e-6. */
    private static double[] normalised(double[] p) {
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.max(0, p[c]);
            sum += p[c];
        }
        if (!(sum > 0)) {
            throw new IllegalStateException("expression model answered no probability mass");
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Override
    public void close() {
        model.close();
    }
}
