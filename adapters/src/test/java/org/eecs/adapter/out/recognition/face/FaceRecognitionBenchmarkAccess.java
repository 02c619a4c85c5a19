package org.eecs.adapter.out.recognition.face;

import java.awt.image.BufferedImage;
import org.eecs.application.port.out.RecognizeFacialExpression;

/** Opens the package-private adapter to the JMH benchmarks in org.eecs.benchmarks (test code only). */
public final class FaceRecognitionBenchmarkAccess {

    private FaceRecognitionBenchmarkAccess() {
    }

    /** The adapter with the shipped models and default settings; close it when done. */
    public static <T extends RecognizeFacialExpression & AutoCloseable> T recognizer() {
        @SuppressWarnings("unchecked")
        T recognizer = (T) FaceRecognitionConfiguration.create(FaceRecognitionProperties.defaults());
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
}
