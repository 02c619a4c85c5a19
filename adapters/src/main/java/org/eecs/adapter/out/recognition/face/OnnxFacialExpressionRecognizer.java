package org.eecs.adapter.out.recognition.face;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic facial expression recognition over a clip of T frames, in process on ONNX Runtime.
 *
 * <p>Each frame in turn: decode ({@link FrameDecoder}; an unreadable or truncated image is
 * {@code SKIPPED_UNREADABLE}, its problem logged, and the clip goes on); detect faces ({@link BlazeFaceDetector};
 * none is {@code SKIPPED_NO_FACE}); choose the patient's face, the one with the largest
 * {@code area * (1 - distance of its centre from the frame's centre / half the frame's diagonal)}, and record how
 * many faces were found; if that face's detector score is below {@code minFaceConfidence} the frame is
 * {@code SKIPPED_LOW_CONFIDENCE} (a more confident bystander is not read instead); otherwise cut it out aligned by
 * the eyes ({@link FaceAligner}) and mark it {@code USED}. The used crops are classified in one batch
 * ({@link ExpressionClassifier}) and aggregated into the clip's distribution and confidence
 * ({@link ClipAggregation}). A clip with no used frame is {@link FaceReading.NoFace}, never a guess.
 *
 * <p>The observation's window runs from the earliest to the latest capture time of the clip's frames (all
 * frames, used or not); its model is the expression model's name and version.
 */
final class OnnxFacialExpressionRecognizer implements RecognizeFacialExpression, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxFacialExpressionRecognizer.class);

    private final BlazeFaceDetector detector;
    private final ExpressionClassifier classifier;
    private final FaceAligner aligner;
    private final double minFaceConfidence;
    private final ModelRef modelRef;

    OnnxFacialExpressionRecognizer(BlazeFaceDetector detector, ExpressionClassifier classifier, double cropMargin,
                                   double minFaceConfidence) {
        if (!(minFaceConfidence >= 0 && minFaceConfidence <= 1)) {
            throw new IllegalArgumentException("minimum face confidence must be 0..1, got " + minFaceConfidence);
        }
        this.detector = detector;
        this.classifier = classifier;
        this.aligner = new FaceAligner(classifier.descriptor(), cropMargin);
        this.minFaceConfidence = minFaceConfidence;
        this.modelRef = new ModelRef(classifier.descriptor().name(), classifier.descriptor().version());
    }

    @Override
    public FaceReading recognize(VideoClip clip) {
        List<VideoClip.Frame> frames = clip.frames();
        List<FrameOutcome> outcomes = new ArrayList<>(frames.size());
        List<float[]> crops = new ArrayList<>();
        List<Double> faceScores = new ArrayList<>();
        for (int index = 0; index < frames.size(); index++) {
            RgbImage image;
            try {
                image = FrameDecoder.decode(frames.get(index).image());
            } catch (FrameDecoder.UnreadableFrame e) {
                log.warn("Face recognition: frame {} of {} is unreadable and skipped: {}", index, frames.size(),
                        e.getMessage());
                outcomes.add(new FrameOutcome(index, Use.SKIPPED_UNREADABLE, 0));
                continue;
            }
            List<DetectedFace> faces = detector.detect(image);
            if (faces.isEmpty()) {
                outcomes.add(new FrameOutcome(index, Use.SKIPPED_NO_FACE, 0));
                continue;
            }
            DetectedFace face = patientsFace(faces, image);
            if (face.score() < minFaceConfidence) {
                outcomes.add(new FrameOutcome(index, Use.SKIPPED_LOW_CONFIDENCE, faces.size()));
                continue;
            }
            crops.add(aligner.crop(image, face));
            faceScores.add(face.score());
            outcomes.add(new FrameOutcome(index, Use.USED, faces.size()));
        }
        if (crops.isEmpty()) {
            return new FaceReading.NoFace(outcomes);
        }
        double[][] perFrame = classifier.classify(crops);
        List<ClipAggregation.FrameEstimate> estimates = new ArrayList<>(perFrame.length);
        for (int i = 0; i < perFrame.length; i++) {
            estimates.add(new ClipAggregation.FrameEstimate(perFrame[i], faceScores.get(i)));
        }
        ClipAggregation.Result clipResult = ClipAggregation.aggregate(estimates, frames.size());
        EmotionDistribution distribution = EmotionDistribution.of(classifier.descriptor().labels(),
                clipResult.probabilities());
        return new FaceReading.Expression(new EmotionObservation(Modality.FACE, distribution,
                clipResult.confidence(), modelRef, window(frames)), outcomes);
    }

    /** The largest, most central face: the highest area * (1 - centre distance / half diagonal). */
    static DetectedFace patientsFace(List<DetectedFace> faces, RgbImage image) {
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        double halfDiagonal = Math.hypot(cx, cy);
        return faces.stream()
                .max(Comparator.comparingDouble(face -> face.area()
                        * Math.max(0, 1 - Math.hypot(face.centreX() - cx, face.centreY() - cy) / halfDiagonal)))
                .orElseThrow();
    }

    private static TimeWindow window(List<VideoClip.Frame> frames) {
        Instant first = frames.getFirst().capturedAt();
        Instant last = first;
        for (VideoClip.Frame frame : frames) {
            if (frame.capturedAt().isBefore(first)) {
                first = frame.capturedAt();
            }
            if (frame.capturedAt().isAfter(last)) {
                last = frame.capturedAt();
            }
        }
        return new TimeWindow(first, last);
    }

    @Override
    public void close() {
        try {
            detector.close();
        } finally {
            classifier.close();
        }
    }
}
