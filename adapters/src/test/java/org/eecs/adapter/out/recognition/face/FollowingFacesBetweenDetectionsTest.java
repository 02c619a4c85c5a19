package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.RecognizeFacialExpression.FrameOutcome;
import org.eecs.application.port.out.RecognizeFacialExpression.Use;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.emotion.EmotionObservation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faces detected on every other frame and followed between (the default) read a clip as detecting on every frame
 * does: the same frames used and skipped, the same expression within 0.02.
 */
class FollowingFacesBetweenDetectionsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static OnnxFacialExpressionRecognizer following;
    private static OnnxFacialExpressionRecognizer detectingEveryFrame;

    @BeforeAll
    static void load() {
        following = FaceRecognitionConfiguration.create(FaceRecognitionProperties.defaults());
        detectingEveryFrame = FaceRecognitionConfiguration.create(new FaceRecognitionProperties(null, null,
                new FaceRecognitionProperties.Detector(null, null, null, null, null, null, 1, null), null));
    }

    @AfterAll
    static void close() {
        following.close();
        detectingEveryFrame.close();
    }

    private static VideoClip clip(List<byte[]> images) {
        List<VideoClip.Frame> frames = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            frames.add(new VideoClip.Frame(T0.plusMillis(66L * i), images.get(i)));
        }
        return new VideoClip(frames);
    }

    private static void assertReadAlike(VideoClip clip) {
        FaceReading followed = following.recognize(clip);
        FaceReading detected = detectingEveryFrame.recognize(clip);

        assertThat(followed.frames()).isEqualTo(detected.frames());
        assertThat(followed.getClass()).isEqualTo(detected.getClass());
        if (detected instanceof FaceReading.Expression expression) {
            EmotionObservation expected = expression.observation();
            EmotionObservation actual = ((FaceReading.Expression) followed).observation();
            assertThat(actual.dominant()).isEqualTo(expected.dominant());
            for (String emotion : expected.distribution().classes()) {
                assertThat(actual.distribution().probabilityOf(emotion))
                        .as(emotion).isCloseTo(expected.distribution().probabilityOf(emotion), within(0.02));
            }
            assertThat(actual.confidence()).isCloseTo(expected.confidence(), within(0.02));
        }
    }

    @Test
    void aFaceHeldStillReadsAsWhenDetectedOnEveryFrame() {
        // the benchmark's clip: the smiling photo moved by a pixel a frame
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            frames.add(FaceImages.jpeg(FaceImages.placed(photo, 640, 480, 80 + i, 0, 480, 480)));
        }

        assertReadAlike(clip(frames));
    }

    @Test
    void aHeadMovingSlowlyReadsAsWhenDetectedOnEveryFrame() {
        // 2 pixels a frame: slow enough to be followed (a pixel's shift changes a crop by about 2.3 grey levels)
        assertReadAlike(clip(moving(FaceImages.image("sample1-left.jpg"), 2, 1, 0)));
    }

    @Test
    void aHeadMovingFastAndComingCloserReadsAsWhenDetectedOnEveryFrame() {
        // 6 pixels a frame and growing: the frames between change by about 24 grey levels and are detected
        assertReadAlike(clip(moving(FaceImages.image("sample1-left.jpg"), 6, 2, 4)));
    }

    /** 12 frames of the photo at 360 pixels, moved by (dx, dy) and grown by {@code grow} pixels a frame. */
    private static List<byte[]> moving(BufferedImage photo, int dx, int dy, int grow) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            frames.add(FaceImages.jpeg(FaceImages.placed(photo, 640, 480, 100 + dx * i, 20 + dy * i, 360 + grow * i,
                    360 + grow * i)));
        }
        return frames;
    }

    @Test
    void framesAlternatingBetweenPeopleAndAnEmptyRoomReadAsWhenDetectedOnEveryFrame() {
        byte[] smiling = FaceImages.jpeg(FaceImages.placed(FaceImages.image("sample3-middle.jpg"), 640, 480, 80, 0,
                480, 480));
        byte[] other = FaceImages.jpeg(FaceImages.placed(FaceImages.image("sample1-left.jpg"), 640, 480, 80, 0,
                480, 480));
        byte[] empty = FaceImages.jpeg(FaceImages.plain(640, 480, new Color(90, 120, 150)));
        byte[] truncated = FaceImages.truncated(smiling, 0.6);

        assertReadAlike(clip(List.of(smiling, other, smiling, empty, other, smiling, smiling, truncated, empty,
                smiling)));
    }

    @Test
    void aFrameBetweenDetectionsWhereTheFaceMovedFarIsDetectedItself() {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");
        byte[] left = FaceImages.jpeg(FaceImages.placed(photo, 640, 480, 0, 100, 300, 300));
        byte[] right = FaceImages.jpeg(FaceImages.placed(photo, 640, 480, 340, 100, 300, 300));

        assertReadAlike(clip(List.of(left, right, left, right)));
    }

    @Test
    void aFrameBetweenDetectionsTakesTheFaceCountOfTheFrameItFollows() {
        // the patient in the same place in both frames; a bystander at the side only in the first, which is detected
        BufferedImage alone = FaceImages.placed(FaceImages.image("sample1-left.jpg"), 640, 360, 140, 20, 320, 320);
        BufferedImage withBystander = FaceImages.placed(FaceImages.image("sample1-left.jpg"), 640, 360, 140, 20, 320,
                320);
        withBystander.createGraphics().drawImage(FaceImages.image("sample3-middle.jpg"), 470, 100, 160, 160, null);
        VideoClip clip = clip(List.of(FaceImages.jpeg(withBystander), FaceImages.jpeg(alone)));

        assertThat(detectingEveryFrame.recognize(clip).frames())
                .containsExactly(new FrameOutcome(0, Use.USED, 2), new FrameOutcome(1, Use.USED, 1));
        assertThat(following.recognize(clip).frames())
                .containsExactly(new FrameOutcome(0, Use.USED, 2), new FrameOutcome(1, Use.USED, 2));
    }
}
