package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.RecognizeFacialExpression.FrameOutcome;
import org.eecs.application.port.out.RecognizeFacialExpression.Use;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The whole adapter with the shipped models, over clips of real photos and frames built from them. */
@ExtendWith(OutputCaptureExtension.class)
class OnnxFacialExpressionRecognizerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static OnnxFacialExpressionRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = FaceRecognitionConfiguration.create(FaceRecognitionProperties.defaults());
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    /** Frames 100 ms apart from T0. */
    private static VideoClip clip(byte[]... images) {
        List<VideoClip.Frame> frames = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            frames.add(new VideoClip.Frame(T0.plusMillis(100L * i), images[i]));
        }
        return new VideoClip(frames);
    }

    private static EmotionObservation expression(FaceReading reading) {
        assertThat(reading).isInstanceOf(FaceReading.Expression.class);
        return ((FaceReading.Expression) reading).observation();
    }

    @Test
    void readsASmilingFaceAsHappyAndRecordsModalityModelAndWindow() {
        byte[] smiling = FaceImages.photo("sample3-middle.jpg");

        FaceReading reading = recognizer.recognize(clip(smiling, smiling, smiling, smiling));

        EmotionObservation observation = expression(reading);
        assertThat(observation.modality()).isEqualTo(Modality.FACE);
        assertThat(observation.dominant()).isEqualTo("happy");
        assertThat(observation.distribution().probabilityOf("happy")).isGreaterThan(0.95);
        assertThat(observation.distribution().classes())
                .containsExactly("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
        assertThat(observation.distribution().probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-9));
        assertThat(observation.model().name()).isEqualTo("fer2013-mini-xception");
        assertThat(observation.model().version()).isEqualTo("vladmandic-human-3.3.6-onnx-opset13");
        assertThat(observation.window()).isEqualTo(new TimeWindow(T0, T0.plus(Duration.ofMillis(300))));
        assertThat(observation.confidence()).isBetween(0.5, 1.0);
        assertThat(reading.frames()).containsExactly(new FrameOutcome(0, Use.USED, 1), new FrameOutcome(1, Use.USED, 1),
                new FrameOutcome(2, Use.USED, 1), new FrameOutcome(3, Use.USED, 1));
    }

    @Test
    void aClipOfTheSamePhotoRepeatedGivesTheSameAsTheSingleFrame() {
        byte[] photo = FaceImages.photo("sample1-left.jpg");

        EmotionObservation one = expression(recognizer.recognize(clip(photo)));
        EmotionObservation many = expression(recognizer.recognize(clip(photo, photo, photo, photo, photo, photo)));

        for (String emotion : one.distribution().classes()) {
            assertThat(many.distribution().probabilityOf(emotion))
                    .isCloseTo(one.distribution().probabilityOf(emotion), within(1e-9));
        }
        assertThat(many.confidence()).isCloseTo(one.confidence(), within(1e-9));
        assertThat(one.window().isEmpty()).isTrue();
    }

    @Test
    void framesWatchedOneByOneWhileThePatientSpeaks_readAsTheWholeClipDoes() throws Exception {
        byte[] smiling = FaceImages.photo("sample3-middle.jpg");
        byte[] other = FaceImages.photo("sample1-left.jpg");
        VideoClip whole = clip(smiling, other, "not a frame".getBytes(), smiling);

        FaceReading streamed;
        try (var watching = recognizer.watch()) {
            for (VideoClip.Frame frame : whole.frames()) {
                watching.see(frame);
                Thread.sleep(20); // frames come as the camera takes them
            }
            streamed = watching.finish();
        }

        FaceReading atOnce = recognizer.recognize(whole);
        assertThat(streamed.frames()).isEqualTo(atOnce.frames());
        assertThat(streamed.frames()).extracting(FrameOutcome::use)
                .containsExactly(Use.USED, Use.USED, Use.SKIPPED_UNREADABLE, Use.USED);
        assertThat(expression(streamed)).isEqualTo(expression(atOnce));
    }

    @Test
    void anAbandonedWatchLeavesTheRecognizerReadyForTheNext() {
        byte[] smiling = FaceImages.photo("sample3-middle.jpg");
        try (var interrupted = recognizer.watch()) {
            for (int i = 0; i < 8; i++) {
                interrupted.see(new VideoClip.Frame(T0.plusMillis(i), smiling));
            }
        }

        assertThat(expression(recognizer.recognize(clip(smiling))).dominant()).isEqualTo("happy");
    }

    @Test
    void readsAStronglyTiltedSmilingHeadAsHappy() {
        // sample1-right: the head is tilted by about 45 degrees; the eye-aligned crop puts it upright
        EmotionObservation observation = expression(recognizer.recognize(clip(FaceImages.photo("sample1-right.jpg"))));

        assertThat(observation.dominant()).isEqualTo("happy");
        assertThat(observation.distribution().probabilityOf("happy")).isGreaterThan(0.95);
    }

    @Test
    void readsAFaceRotatedBy25DegreesAsItReadsItUpright() {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");

        FaceReading reading = recognizer.recognize(clip(FaceImages.jpeg(FaceImages.rotated(photo, 25))));

        assertThat(reading.frames()).containsExactly(new FrameOutcome(0, Use.USED, 1));
        assertThat(expression(reading).dominant()).isEqualTo("happy");
    }

    @Test
    void skipsUnreadableFramesNamingTheProblemAndGoesOn(CapturedOutput output) {
        byte[] smiling = FaceImages.photo("sample3-middle.jpg");
        byte[] truncated = FaceImages.truncated(smiling, 0.6);
        byte[] notAnImage = "this is not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        FaceReading mixed = recognizer.recognize(clip(smiling, truncated, notAnImage, smiling));
        FaceReading clean = recognizer.recognize(clip(smiling, smiling));

        assertThat(mixed.frames()).containsExactly(new FrameOutcome(0, Use.USED, 1),
                new FrameOutcome(1, Use.SKIPPED_UNREADABLE, 0), new FrameOutcome(2, Use.SKIPPED_UNREADABLE, 0),
                new FrameOutcome(3, Use.USED, 1));
        assertThat(expression(mixed).distribution()).isEqualTo(expression(clean).distribution());
        assertThat(expression(mixed).confidence()).isCloseTo(expression(clean).confidence() / 2, within(1e-9));
        assertThat(output).contains("frame 1 of the clip is unreadable").contains("Missing EOI marker")
                .contains("frame 2 of the clip is unreadable").contains("not an image format ImageIO can read");
    }

    @Test
    void answersNoFaceWhenNoFrameShowsOneNeverAGuess() {
        byte[] plain = FaceImages.jpeg(FaceImages.plain(640, 480, new Color(90, 120, 150)));

        FaceReading reading = recognizer.recognize(clip(plain, plain, plain));

        assertThat(reading).isInstanceOf(FaceReading.NoFace.class);
        assertThat(reading.frames()).containsExactly(new FrameOutcome(0, Use.SKIPPED_NO_FACE, 0),
                new FrameOutcome(1, Use.SKIPPED_NO_FACE, 0), new FrameOutcome(2, Use.SKIPPED_NO_FACE, 0));
    }

    @Test
    void answersNoFaceForAnEmptyClip() {
        FaceReading reading = recognizer.recognize(new VideoClip(List.of()));

        assertThat(reading).isEqualTo(new FaceReading.NoFace(List.of()));
    }

    @Test
    void skipsATinyFaceAsLowConfidence() {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");
        byte[] tiny = FaceImages.jpeg(FaceImages.placed(photo, 640, 480, 288, 208, 64, 64));

        FaceReading reading = recognizer.recognize(clip(tiny));

        // the chosen face scores below the 0.75 default (after JPEG encoding the detector also answers a second
        // candidate in this frame, so facesFound is not asserted exactly)
        assertThat(reading).isInstanceOf(FaceReading.NoFace.class);
        assertThat(reading.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.use()).isEqualTo(Use.SKIPPED_LOW_CONFIDENCE);
            assertThat(frame.facesFound()).isPositive();
        });
    }

    @Test
    void withTwoFacesReadsTheLargerMoreCentralOne() {
        // the neutral-looking sample1-left large and nearer the centre, the smiling sample3-middle smaller at the side
        BufferedImage canvas = FaceImages.placed(FaceImages.image("sample1-left.jpg"), 640, 360, 140, 20, 320, 320);
        canvas.createGraphics().drawImage(FaceImages.image("sample3-middle.jpg"), 470, 100, 160, 160, null);
        EmotionObservation alone = expression(recognizer.recognize(clip(FaceImages.photo("sample1-left.jpg"))));

        FaceReading reading = recognizer.recognize(clip(FaceImages.jpeg(canvas)));

        assertThat(reading.frames()).containsExactly(new FrameOutcome(0, Use.USED, 2));
        EmotionObservation observation = expression(reading);
        assertThat(observation.dominant()).isEqualTo(alone.dominant());
        assertThat(observation.distribution().probabilityOf("happy")).isLessThan(0.5);
    }
}
