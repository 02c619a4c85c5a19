package org.eecs.adapter.out.recognition.face;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collections;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.perception.onnx.VerifiedModel;

/** Opens the package-private adapter to the JMH benchmarks in org.eecs.benchmarks (test code only). */
public final class FaceRecognitionBenchmarkAccess {

    private FaceRecognitionBenchmarkAccess() {
    }

    /**
     * The adapter with the shipped models, default settings but for ONNX Runtime's threads per model and the
     * frames between face detections ({@code eecs.recognition.face.threads} and {@code detector.detect-every});
     * close it when done.
     */
    public static <T extends RecognizeFacialExpression & AutoCloseable> T recognizer(int threads, int detectEvery) {
        @SuppressWarnings("unchecked")
        T recognizer = (T) FaceRecognitionConfiguration.create(new FaceRecognitionProperties(threads, null,
                new FaceRecognitionProperties.Detector(null, null, null, null, null, null, detectEvery, null), null));
        return recognizer;
    }

    /** Decodes a frame as the adapter does; answers its width, to be consumed. */
    public static int decode(byte[] encoded) throws Exception {
        return FrameDecoder.decode(encoded).width();
    }

    /** A 640x480 JPEG frame: the smiling sample3-middle photo at 480x480 (face about 180 pixels), shifted by dx. */
    public static byte[] frame640x480(int dx) {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");
        return FaceImages.jpeg(FaceImages.placed(photo, 640, 480, 80 + dx, 0, 480, 480));
    }

    /** The models and stages of the adapter, one by one, on one decoded frame (for the stage split). */
    public static final class Stages implements AutoCloseable {

        private final BlazeFaceDetector detector;
        private final ExpressionClassifier classifier;
        private final FaceAligner aligner;
        private final RgbImage image;
        private final DetectedFace face;
        private final float[] crop;
        private final FloatBuffer input = ByteBuffer.allocateDirect(
                BlazeFaceDetector.INPUT_SIZE * BlazeFaceDetector.INPUT_SIZE * 3 * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();

        public Stages(byte[] encoded) throws Exception {
            FaceRecognitionProperties properties = FaceRecognitionProperties.defaults();
            FaceRecognitionProperties.Detector settings = properties.detector();
            ExpressionModelDescriptor descriptor = properties.expression().descriptor();
            this.detector = new BlazeFaceDetector(
                    VerifiedModel.load(settings.resource(), settings.sha256(), properties.threads()),
                    settings.minScore(), settings.iouThreshold());
            this.classifier = new ExpressionClassifier(
                    VerifiedModel.load(descriptor.resource(), descriptor.sha256(), properties.threads()), descriptor);
            this.aligner = new FaceAligner(descriptor, settings.cropMargin());
            this.image = FrameDecoder.decode(encoded);
            this.face = detector.detect(image).getFirst();
            this.crop = aligner.crop(image, face);
        }

        /** BlazeFace alone, letterboxing included; answers the faces found. */
        public int detect() {
            return detector.detect(image).size();
        }

        /** The letterboxing into BlazeFace's input alone; answers the first value. */
        public float letterbox() {
            double scale = (double) BlazeFaceDetector.INPUT_SIZE / Math.max(image.width(), image.height());
            BlazeFaceDetector.letterbox(image, scale, (BlazeFaceDetector.INPUT_SIZE - image.width() * scale) / 2,
                    (BlazeFaceDetector.INPUT_SIZE - image.height() * scale) / 2, detector.planar(), input);
            return input.get(0);
        }

        /** The eye-aligned crop alone. */
        public float[] crop() {
            return aligner.crop(image, face);
        }

        /** The expression model on {@code n} copies of the crop, as one batch. */
        public double[][] classify(int n) {
            return classifier.classify(Collections.nCopies(n, crop));
        }

        @Override
        public void close() {
            detector.close();
            classifier.close();
        }
    }
}
