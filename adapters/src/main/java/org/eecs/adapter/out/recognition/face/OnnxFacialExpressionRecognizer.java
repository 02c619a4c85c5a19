package org.eecs.adapter.out.recognition.face;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Each frame, as soon as it is seen (several at a time, on the adapter's frame workers): decode ({@link FrameDecoder}; an unreadable
 * or truncated image is {@code SKIPPED_UNREADABLE}, its problem logged, and the clip goes on); detect faces
 * ({@link BlazeFaceDetector};
 * none is {@code SKIPPED_NO_FACE}); choose the patient's face, the one with the largest
 * {@code area * (1 - distance of its centre from the frame's centre / half the frame's diagonal)}, and record how
 * many faces were found; if that face's detector score is below {@code minFaceConfidence} the frame is
 * {@code SKIPPED_LOW_CONFIDENCE} (a more confident bystander is not read instead); otherwise cut it out aligned by
 * the eyes ({@link FaceAligner}) and mark it {@code USED}. Faces are detected on every {@code detectEvery}-th
 * frame ({@link Tracking}); a frame between is decoded beside that detection and then cropped where its face
 * was, taking its face count and score, unless the crop there differs from the detected one by more than
 * {@code maxChange} grey levels (the face moved, turned or left), in which case it is detected itself. The used
 * crops are classified in one batch ({@link ExpressionClassifier}) when the clip ends, and aggregated into the
 * clip's distribution and confidence ({@link ClipAggregation}). A clip with no used frame is {@link FaceReading.NoFace}, never a guess. A whole clip
 * is watched frame by frame like a streamed one.
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
    private final ExecutorService frameWorkers;
    private final Tracking tracking;

    /**
     * How faces are followed between detections: the detector runs on every {@code detectEvery}-th frame of a
     * clip (1: on every frame); a frame between takes the face of the last detected frame when the crop at that
     * place differs from the detected frame's by at most {@code maxChange} grey levels, and is detected itself
     * otherwise.
     */
    record Tracking(int detectEvery, double maxChange) {
        Tracking {
            if (detectEvery < 1) {
                throw new IllegalArgumentException("faces must be detected on every n-th frame, n >= 1, got "
                        + detectEvery);
            }
            if (!(maxChange >= 0 && maxChange <= 255)) {
                throw new IllegalArgumentException("the change a tracked face may show must be 0..255 grey levels, got "
                        + maxChange);
            }
        }
    }

    /**
     * @param frameWorkers how many frames are decoded, detected and cropped at the same time (threads of a pool of
     *                     this adapter's own, started here and stopped by {@link #close()})
     */
    OnnxFacialExpressionRecognizer(BlazeFaceDetector detector, ExpressionClassifier classifier, double cropMargin,
                                   double minFaceConfidence, int frameWorkers, Tracking tracking) {
        if (frameWorkers < 1) {
            throw new IllegalArgumentException("need at least one frame worker, got " + frameWorkers);
        }
        this.tracking = tracking;
        if (!(minFaceConfidence >= 0 && minFaceConfidence <= 1)) {
            throw new IllegalArgumentException("minimum face confidence must be 0..1, got " + minFaceConfidence);
        }
        this.detector = detector;
        this.classifier = classifier;
        this.aligner = new FaceAligner(classifier.descriptor(), cropMargin);
        this.minFaceConfidence = minFaceConfidence;
        this.modelRef = new ModelRef(classifier.descriptor().name(), classifier.descriptor().version());
        AtomicInteger workers = new AtomicInteger();
        this.frameWorkers = Executors.newFixedThreadPool(frameWorkers, task -> {
            Thread thread = new Thread(task, "face-frames-" + workers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public FaceReading recognize(VideoClip clip) {
        try (Watching watching = watch()) {
            clip.frames().forEach(watching::see);
            return watching.finish();
        }
    }

    @Override
    public Watching watch() {
        return new FramesOfAnUtterance();
    }

    /** What became of one frame: its outcome and, when used, its crop, the face read and the detector's score. */
    private record PreparedFrame(FrameOutcome outcome, float[] crop, DetectedFace face, double faceScore) {

        static PreparedFrame skipped(int index, Use use, int facesFound) {
            return new PreparedFrame(new FrameOutcome(index, use, facesFound), null, null, 0);
        }
    }

    /**
     * The frames of one utterance: each is decoded, detected and cropped on the frame workers as soon as it is
     * seen; the used crops are classified in one batch at the end.
     */
    private final class FramesOfAnUtterance implements Watching {

        private final List<CompletableFuture<PreparedFrame>> pending = new ArrayList<>();
        private Instant first;
        private Instant last;

        @Override
        public void see(VideoClip.Frame frame) {
            int index = pending.size();
            int detected = index - index % tracking.detectEvery();
            if (detected == index) {
                pending.add(CompletableFuture.supplyAsync(() -> prepare(index, decode(index, frame.image())),
                        frameWorkers));
            } else {
                // decoded at once, beside the detection it waits for; followed from it when that is done
                pending.add(CompletableFuture.supplyAsync(() -> decode(index, frame.image()), frameWorkers)
                        .thenCombineAsync(pending.get(detected), (image, from) -> follow(index, image, from),
                                frameWorkers));
            }
            first = first == null || frame.capturedAt().isBefore(first) ? frame.capturedAt() : first;
            last = last == null || frame.capturedAt().isAfter(last) ? frame.capturedAt() : last;
        }

        @Override
        public FaceReading finish() {
            List<FrameOutcome> outcomes = new ArrayList<>(pending.size());
            List<float[]> crops = new ArrayList<>();
            List<Double> faceScores = new ArrayList<>();
            for (PreparedFrame frame : prepared()) {
                outcomes.add(frame.outcome());
                if (frame.crop() != null) {
                    crops.add(frame.crop());
                    faceScores.add(frame.faceScore());
                }
            }
            if (crops.isEmpty()) {
                return new FaceReading.NoFace(outcomes);
            }
            double[][] perFrame = classifier.classify(crops);
            List<ClipAggregation.FrameEstimate> estimates = new ArrayList<>(perFrame.length);
            for (int i = 0; i < perFrame.length; i++) {
                estimates.add(new ClipAggregation.FrameEstimate(perFrame[i], faceScores.get(i)));
            }
            ClipAggregation.Result clipResult = ClipAggregation.aggregate(estimates, pending.size());
            EmotionDistribution distribution = EmotionDistribution.of(classifier.descriptor().labels(),
                    clipResult.probabilities());
            return new FaceReading.Expression(new EmotionObservation(Modality.FACE, distribution,
                    clipResult.confidence(), modelRef, new TimeWindow(first, last)), outcomes);
        }

        private List<PreparedFrame> prepared() {
            List<PreparedFrame> prepared = new ArrayList<>(pending.size());
            try {
                for (CompletableFuture<PreparedFrame> future : pending) {
                    prepared.add(future.get());
                }
                return prepared;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the faces of a clip", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("reading a frame failed", e.getCause());
            }
        }

        @Override
        public void close() {
            pending.forEach(future -> future.cancel(true));
        }
    }

    /** The decoded frame, or null when it is unreadable (logged). */
    private static RgbImage decode(int index, byte[] encoded) {
        try {
            return FrameDecoder.decode(encoded);
        } catch (FrameDecoder.UnreadableFrame e) {
            log.warn("Face recognition: frame {} of the clip is unreadable and skipped: {}", index, e.getMessage());
            return null;
        }
    }

    /** Detects the faces of a decoded frame, chooses the patient's and crops it. */
    private PreparedFrame prepare(int index, RgbImage image) {
        if (image == null) {
            return PreparedFrame.skipped(index, Use.SKIPPED_UNREADABLE, 0);
        }
        List<DetectedFace> faces = detector.detect(image);
        if (faces.isEmpty()) {
            return PreparedFrame.skipped(index, Use.SKIPPED_NO_FACE, 0);
        }
        DetectedFace face = patientsFace(faces, image);
        if (face.score() < minFaceConfidence) {
            return PreparedFrame.skipped(index, Use.SKIPPED_LOW_CONFIDENCE, faces.size());
        }
        return new PreparedFrame(new FrameOutcome(index, Use.USED, faces.size()), aligner.crop(image, face), face,
                face.score());
    }

    /**
     * A frame between detections: cropped where the face of the last detected frame was, and so read (with that
     * frame's face count and score) when the crop shows about what the detected one showed; detected itself when
     * the face moved, turned or left, or when the detected frame had no usable face.
     */
    private PreparedFrame follow(int index, RgbImage image, PreparedFrame detected) {
        if (image == null || detected.face() == null) {
            return prepare(index, image);
        }
        float[] crop = aligner.crop(image, detected.face());
        if (aligner.difference(crop, detected.crop()) > tracking.maxChange()) {
            return prepare(index, image);
        }
        return new PreparedFrame(new FrameOutcome(index, Use.USED, detected.outcome().facesFound()), crop,
                detected.face(), detected.faceScore());
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

    @Override
    public void close() {
        frameWorkers.shutdownNow();
        try {
            // a frame of an abandoned watch may still be in a model: closing a session under it crashes the JVM
            if (!frameWorkers.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Face recognition: frame workers still busy after 30 s; closing the models anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            detector.close();
        } finally {
            classifier.close();
        }
    }
}
