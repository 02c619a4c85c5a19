package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.eecs.perception.onnx.VerifiedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BlazeFace front 256 on real photos and on frames built from them. */
class BlazeFaceDetectorTest {

    private static BlazeFaceDetector detector;

    @BeforeAll
    static void load() {
        FaceRecognitionProperties.Detector settings = FaceRecognitionProperties.defaults().detector();
        detector = new BlazeFaceDetector(VerifiedModel.load(settings.resource(), settings.sha256(), 2),
                settings.minScore(), settings.iouThreshold());
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static List<DetectedFace> detect(BufferedImage image) throws Exception {
        return detector.detect(FrameDecoder.decode(FaceImages.png(image)));
    }

    @Test
    void findsExactlyOneFaceInASinglePersonPhotoWithItsEyesInTheUpperHalfOfTheBox() throws Exception {
        RgbImage photo = FrameDecoder.decode(FaceImages.photo("sample3-middle.jpg"));

        List<DetectedFace> faces = detector.detect(photo);

        assertThat(faces).hasSize(1);
        DetectedFace face = faces.getFirst();
        assertThat(face.score()).isGreaterThan(0.75);
        assertThat(face.x()).isGreaterThanOrEqualTo(0);
        assertThat(face.y()).isGreaterThanOrEqualTo(0);
        assertThat(face.x() + face.width()).isLessThanOrEqualTo(photo.width());
        assertThat(face.y() + face.height()).isLessThanOrEqualTo(photo.height());
        assertThat(face.width()).isBetween(photo.width() / 5.0, photo.width() * 0.6);
        for (int eye = 0; eye < 2; eye++) {
            assertThat(face.keypointX(eye)).isBetween(face.x(), face.x() + face.width());
            assertThat(face.keypointY(eye)).isBetween(face.y(), face.centreY());
        }
        assertThat(face.keypointX(0)).as("the image-left eye first").isLessThan(face.keypointX(1));
        assertThat(face.keypointY(3)).as("mouth below the eyes").isGreaterThan(Math.max(face.keypointY(0),
                face.keypointY(1)));
    }

    @Test
    void findsEachOfThreePeopleOnceInAGroupPhoto() throws Exception {
        List<DetectedFace> faces = detector.detect(FrameDecoder.decode(FaceImages.photo("sample1.jpg")));

        assertThat(faces).hasSize(3);
        for (DetectedFace a : faces) {
            for (DetectedFace b : faces) {
                if (a != b) {
                    assertThat(a.intersectionOverUnion(b)).isZero();
                }
            }
        }
    }

    @Test
    void findsNoFaceInAPlainImage() throws Exception {
        assertThat(detect(FaceImages.plain(640, 480, new Color(200, 180, 160)))).isEmpty();
    }

    @Test
    void mapsTheBoxBackThroughTheLetterboxToTheOriginalFrame() throws Exception {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");
        DetectedFace alone = detect(photo).getFirst();

        // the same photo at (280, 60) of a wide 640x400 frame: the letterbox now pads top and bottom
        List<DetectedFace> faces = detect(FaceImages.placed(photo, 640, 400, 280, 60, 320, 320));

        assertThat(faces).hasSize(1);
        DetectedFace moved = faces.getFirst();
        assertThat(moved.centreX()).isCloseTo(alone.centreX() + 280, within(8.0));
        assertThat(moved.centreY()).isCloseTo(alone.centreY() + 60, within(8.0));
        assertThat(moved.width()).isCloseTo(alone.width(), within(alone.width() * 0.15));
    }

    @Test
    void seesTheTurnOfAFaceRotatedBy25DegreesInItsEyeLine() throws Exception {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");
        double upright = Math.toDegrees(detect(photo).getFirst().eyeLineAngle());

        List<DetectedFace> faces = detect(FaceImages.rotated(photo, 25));

        assertThat(faces).hasSize(1);
        assertThat(Math.toDegrees(faces.getFirst().eyeLineAngle())).isCloseTo(upright + 25, within(6.0));
    }

    @Test
    void findsAFaceShrunkTo24PixelsInA640x480FrameOnlyWithAScoreBelowTheDefaultConfidence() throws Exception {
        BufferedImage photo = FaceImages.image("sample3-middle.jpg");

        // the 320x320 photo's face is about 120 pixels wide; at 64x64 it is about 24, under 10 in the detector's input
        List<DetectedFace> faces = detect(FaceImages.placed(photo, 640, 480, 288, 208, 64, 64));

        assertThat(faces).hasSize(1);
        assertThat(faces.getFirst().score())
                .isBetween(FaceRecognitionProperties.defaults().detector().minScore(),
                        FaceRecognitionProperties.defaults().detector().minConfidence());
        assertThat(faces.getFirst().centreX()).isBetween(288.0, 352.0);
        assertThat(faces.getFirst().centreY()).isBetween(208.0, 272.0);
    }

    @Test
    void theShippedBlockedLayoutModelFindsTheSameFacesAsTheModelConvertedFromTfJs() throws Exception {
        // blazeface-front-256-nchwc is derived from the converted model by tools/models/blazeface_nchwc.py (the
        // same function with zero-padded channels, identity convolutions for the channel padding, planar input)
        FaceRecognitionProperties.Detector settings = FaceRecognitionProperties.defaults().detector();
        try (BlazeFaceDetector converted = new BlazeFaceDetector(VerifiedModel.load("/models/blazeface-front-256.onnx",
                "d65ba52bb78c05de457929874ec394ecb5e0d295e92a53dc84596de6edea1871", 1), settings.minScore(),
                settings.iouThreshold())) {
            assertThat(converted.planar()).isFalse();
            assertThat(detector.planar()).isTrue();
            List<byte[]> frames = new java.util.ArrayList<>();
            for (String photo : List.of("sample1.jpg", "sample1-left.jpg", "sample1-right.jpg", "sample3-middle.jpg")) {
                frames.add(FaceImages.photo(photo));
            }
            BufferedImage photo = FaceImages.image("sample3-middle.jpg");
            frames.add(FaceImages.png(FaceImages.rotated(photo, 25)));
            frames.add(FaceImages.png(FaceImages.placed(photo, 640, 480, 288, 208, 64, 64)));
            frames.add(FaceImages.jpeg(FaceImages.placed(photo, 640, 400, 280, 60, 320, 320)));
            int faces = 0;
            for (byte[] frame : frames) {
                RgbImage image = FrameDecoder.decode(frame);
                List<DetectedFace> expected = converted.detect(image);
                List<DetectedFace> actual = detector.detect(image);

                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    DetectedFace e = expected.get(i);
                    DetectedFace a = actual.get(i);
                    assertThat(a.score()).isCloseTo(e.score(), within(1e-4));
                    assertThat(new double[]{a.x(), a.y(), a.width(), a.height()})
                            .containsExactly(new double[]{e.x(), e.y(), e.width(), e.height()}, within(0.01));
                    assertThat(a.keypoints()).containsExactly(e.keypoints(), within(0.01));
                }
                faces += expected.size();
            }
            assertThat(faces).as("faces compared").isGreaterThanOrEqualTo(frames.size());
        }
    }
}
