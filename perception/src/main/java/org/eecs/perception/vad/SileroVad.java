package org.eecs.perception.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import org.eecs.perception.onnx.VerifiedModel;

/**
 * Silero VAD v5 on ONNX Runtime: the speech probability of each 32 ms frame (512 samples at 16 kHz).
 *
 * <p>One model is loaded (checksum-verified) and shared; each audio stream gets its own {@link Stream}, which
 * keeps what the model needs between frames: the recurrent state ({@code state} in, {@code stateN} out) and the
 * last {@value #CONTEXT} samples of the previous frame, which precede every frame in the model's input. The model
 * is safe to use from many threads at once; a single {@link Stream} is not.
 */
public final class SileroVad implements AutoCloseable {

    public static final String RESOURCE = "/models/silero-vad-v5.onnx";
    public static final String SHA256 = "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f";
    /** Samples per frame at 16 kHz: 32 ms. */
    public static final int FRAME = 512;
    /** Samples of the previous frame the model sees before each frame. */
    public static final int CONTEXT = 64;
    public static final int SAMPLE_RATE = 16_000;

    private static final long[] INPUT_SHAPE = {1, CONTEXT + FRAME};
    private static final long[] STATE_SHAPE = {2, 1, 128};
    private static final int STATE_SIZE = 2 * 128;
    private static final long[] SCALAR = {};
    private static final long[] RATE = {SAMPLE_RATE};

    private final VerifiedModel model;
    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private SileroVad(VerifiedModel model) {
        this.model = model;
    }

    /** Loads the shipped model after checking its SHA-256; one intra-op thread is plenty for a 32 ms frame. */
    public static SileroVad load() {
        return load(1);
    }

    public static SileroVad load(int threads) {
        return new SileroVad(VerifiedModel.load(RESOURCE, SHA256, threads));
    }

    /** A detector for one audio stream, starting from silence (zero state, zero context). */
    public Stream newStream() {
        return new Stream();
    }

    @Override
    public void close() {
        model.close();
    }

    /** The detector state of one stream; feed its frames in order. Not thread-safe. */
    public final class Stream {

        private final float[] input = new float[CONTEXT + FRAME];
        private float[] state = new float[STATE_SIZE];
        private long frames;

        private Stream() {
        }

        /**
         * @param frame exactly {@value #FRAME} samples at 16 kHz in [-1, 1], following the previous frame
         * @return the probability that the frame holds speech
         */
        public float probability(float[] frame) {
            return probability(frame, 0);
        }

        /** The probability of the {@value #FRAME} samples starting at {@code offset}. */
        public float probability(float[] samples, int offset) {
            if (offset < 0 || samples.length - offset < FRAME) {
                throw new IllegalArgumentException("a frame is " + FRAME + " samples, got "
                        + Math.max(0, samples.length - offset));
            }
            System.arraycopy(samples, offset, input, CONTEXT, FRAME);
            float probability;
            try (OnnxTensor in = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), INPUT_SHAPE);
                 OnnxTensor st = OnnxTensor.createTensor(environment, FloatBuffer.wrap(state), STATE_SHAPE);
                 // the rate as an int64 scalar (shape []), made per call like the other inputs so that the model
                 // object holds no native tensor of its own
                 OnnxTensor sr = OnnxTensor.createTensor(environment, LongBuffer.wrap(RATE), SCALAR);
                 OrtSession.Result result = model.session().run(Map.of("input", in, "state", st, "sr", sr))) {
                probability = ((float[][]) result.get("output").orElseThrow().getValue())[0][0];
                FloatBuffer next = ((OnnxTensor) result.get("stateN").orElseThrow()).getFloatBuffer();
                float[] updated = new float[STATE_SIZE];
                next.get(updated);
                state = updated;
            } catch (OrtException e) {
                throw new IllegalStateException("Silero VAD failed on frame " + frames + ": " + e.getMessage(), e);
            }
            // the last CONTEXT samples of this frame precede the next one
            System.arraycopy(input, FRAME, input, 0, CONTEXT);
            frames++;
            return probability;
        }

        /** Frames seen so far. */
        public long frames() {
            return frames;
        }

        /** Back to silence, e.g. after a gap in the audio. */
        public void reset() {
            java.util.Arrays.fill(input, 0f);
            state = new float[STATE_SIZE];
            frames = 0;
        }
    }
}
