package org.eecs.adapter.out.recognition.face;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the in-process facial expression recognition, under {@code eecs.recognition.face}. Every setting
 * left out takes the shipped default, given here in Java: BlazeFace front 256 and FER2013 mini-Xception
 * ({@code models/PROVENANCE.md}). Another ONNX expression model plugs in by setting {@code expression.*}, for
 * example FER+ (8 classes, raw 0..255 grayscale in NCHW):
 * <pre>
 * eecs.recognition.face.expression:
 *   resource: /models/emotion-ferplus-8.onnx
 *   sha256: ...
 *   name: ferplus
 *   version: onnx-model-zoo-8
 *   input-size: 64
 *   layout: NCHW
 *   channels: 1
 *   mean: [0]
 *   std: [0.00392156862745098]
 *   labels: [neutral, happy, surprise, sad, angry, disgust, fear, contempt]
 *   softmaxed: false
 * </pre>
 *
 * @param threads      ONNX Runtime intra-op threads for each model (default 1: these models are small, and the
 *                     frames of a clip are spread over the frame workers instead)
 * @param frameWorkers how many frames of a clip are decoded, detected and cropped at once (default: the available
 *                     processors, at most 4)
 * @param detector   the face detector's settings
 * @param expression the expression model's description
 */
@ConfigurationProperties("eecs.recognition.face")
record FaceRecognitionProperties(Integer threads, Integer frameWorkers, Detector detector, Expression expression) {

    FaceRecognitionProperties {
        threads = threads != null ? threads : 1;
        frameWorkers = frameWorkers != null ? frameWorkers : Math.min(4, Runtime.getRuntime().availableProcessors());
        detector = detector != null ? detector : new Detector(null, null, null, null, null, null, null, null);
        expression = expression != null ? expression
                : new Expression(null, null, null, null, null, null, null, null, null, null, null);
    }

    static FaceRecognitionProperties defaults() {
        return new FaceRecognitionProperties(null, null, null, null);
    }

    /**
     * @param resource          BlazeFace front 256's classpath resource (the blocked-layout derivation; the converted
     *                          model, {@code /models/blazeface-front-256.onnx}, runs too)
     * @param sha256            its SHA-256
     * @param minScore          a detection below this score (0..1) is not a face at all (default 0.5)
     * @param minConfidence     a frame whose chosen face scores below this is skipped as low confidence (0.75)
     * @param iouThreshold      non-maximum suppression drops a box overlapping a better one by more (0.3)
     * @param cropMargin        the expression crop's side is the face box's times 1 + this (0.2)
     * @param detectEvery       faces are detected on every n-th frame of a clip (2); the frames between take the
     *                          last detected face while it stays where it was (1: detect on every frame)
     * @param maxTrackedChange  a frame between detections is detected itself when its crop at the last detected
     *                          face's place differs from that face's crop by more than this mean absolute
     *                          difference, in grey levels 0..255 (8)
     */
    record Detector(String resource, String sha256, Double minScore, Double minConfidence, Double iouThreshold,
                    Double cropMargin, Integer detectEvery, Double maxTrackedChange) {
        Detector {
            resource = resource != null ? resource : "/models/blazeface-front-256-nchwc.onnx";
            sha256 = sha256 != null ? sha256 : "e6a03513cee7e93bc11125735d3be1e15cc94a9d758214bacc58e9124c873bdb";
            minScore = minScore != null ? minScore : 0.5;
            minConfidence = minConfidence != null ? minConfidence : 0.75;
            iouThreshold = iouThreshold != null ? iouThreshold : 0.3;
            cropMargin = cropMargin != null ? cropMargin : 0.2;
            detectEvery = detectEvery != null ? detectEvery : 2;
            maxTrackedChange = maxTrackedChange != null ? maxTrackedChange : 8.0;
        }

        OnnxFacialExpressionRecognizer.Tracking tracking() {
            return new OnnxFacialExpressionRecognizer.Tracking(detectEvery, maxTrackedChange);
        }
    }

    /** The expression model; each field left out takes FER2013 mini-Xception's (see {@link ExpressionModelDescriptor}). */
    record Expression(String resource, String sha256, String name, String version, Integer inputSize,
                      ExpressionModelDescriptor.Layout layout, Integer channels, List<Double> mean, List<Double> std,
                      List<String> labels, Boolean softmaxed) {

        ExpressionModelDescriptor descriptor() {
            ExpressionModelDescriptor d = ExpressionModelDescriptor.FER2013_MINI_XCEPTION;
            return new ExpressionModelDescriptor(
                    resource != null ? resource : d.resource(),
                    sha256 != null ? sha256 : d.sha256(),
                    name != null ? name : d.name(),
                    version != null ? version : d.version(),
                    inputSize != null ? inputSize : d.inputSize(),
                    layout != null ? layout : d.layout(),
                    channels != null ? channels : d.channels(),
                    mean != null ? mean : d.mean(),
                    std != null ? std : d.std(),
                    labels != null ? labels : d.labels(),
                    softmaxed != null ? softmaxed : d.softmaxed());
        }
    }
}
