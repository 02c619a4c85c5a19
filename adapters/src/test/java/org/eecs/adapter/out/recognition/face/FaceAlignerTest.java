package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.eecs.adapter.out.recognition.face.ExpressionModelDescriptor.Layout;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

    /** 40x40: left half pure red, right half pure blue; a "face" box over the whole image, eyes level. */
    private static final RgbImage HALVES;
    private static final DetectedFace WHOLE = new DetectedFace(0, 0, 40, 40, 0.9,
            new double[]{12, 15, 28, 15, 20, 22, 20, 30, 2, 18, 38, 18});

    static {
        int[] pixels = new int[40 * 40];
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                pixels[y * 40 + x] = x < 20 ? 0xff0000 : 0x0000ff;
            }
        }
        HALVES = RgbImage.fromPacked(40, 40, pixels);
    }

    private static ExpressionModelDescriptor rgb(Layout layout) {
        ExpressionModelDescriptor d = ExpressionModelDescriptor.FER2013_MINI_XCEPTION;
        return new ExpressionModelDescriptor(d.resource(), d.sha256(), "test", "1", 8, layout, 3,
                List.of(0.0), List.of(1 / 255.0), d.labels(), true);
    }

    @Test
    void fillsGrayscaleWithNormalisedLuma() {
        ExpressionModelDescriptor d = ExpressionModelDescriptor.FER2013_MINI_XCEPTION;
        float[] values = new FaceAligner(d, 0).crop(HALVES, WHOLE);

        assertThat(values).hasSize(64 * 64);
        // red luma 0.299 * 255 -> (0.299 - 0.5) * 2; blue 0.114 * 255 -> (0.114 - 0.5) * 2
        assertThat(values[10 * 64 + 5]).isCloseTo((0.299f - 0.5f) * 2, within(1e-3f));
        assertThat(values[10 * 64 + 60]).isCloseTo((0.114f - 0.5f) * 2, within(1e-3f));
    }

    @Test
    void fillsRgbInTheDescriptorsLayoutWithItsNormalisation() {
        float[] nhwc = new FaceAligner(rgb(Layout.NHWC), 0).crop(HALVES, WHOLE);
        float[] nchw = new FaceAligner(rgb(Layout.NCHW), 0).crop(HALVES, WHOLE);

        // pixel (row 2, column 1) is red: raw 0..255 values with mean 0, std 1/255
        assertThat(nhwc[(2 * 8 + 1) * 3]).isCloseTo(255f, within(0.01f));
        assertThat(nhwc[(2 * 8 + 1) * 3 + 2]).isCloseTo(0f, within(0.01f));
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 8; v++) {
                for (int u = 0; u < 8; u++) {
                    assertThat(nchw[(c * 8 + v) * 8 + u]).isEqualTo(nhwc[(v * 8 + u) * 3 + c]);
                }
            }
        }
    }

    @Test
    void turnsTheCropSoThatTheEyesComeOutLevel() {
        // the same image with the eyes on a vertical line: the crop is turned by 90 degrees, so the image's
        // left (red) and right (blue) halves become the crop's bottom and top halves
        DetectedFace upright = new DetectedFace(0, 0, 40, 40, 0.9,
                new double[]{20, 12, 20, 28, 20, 20, 20, 30, 2, 18, 38, 18});
        ExpressionModelDescriptor d = ExpressionModelDescriptor.FER2013_MINI_XCEPTION;
        float[] values = new FaceAligner(d, 0).crop(HALVES, upright);

        float red = (0.299f - 0.5f) * 2;
        float blue = (0.114f - 0.5f) * 2;
        // eye line from (20,12) to (20,28) points down the image: angle +90 degrees; the crop's x axis runs down
        // the image and its y axis runs to the image's left, so the crop's top rows are the image's right (blue)
        assertThat(values[5 * 64 + 32]).isCloseTo(blue, within(1e-3f));
        assertThat(values[58 * 64 + 32]).isCloseTo(red, within(1e-3f));
    }
}
