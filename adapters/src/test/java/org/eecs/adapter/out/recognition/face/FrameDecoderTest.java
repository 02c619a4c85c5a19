package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    @Test
    void aFrameDeclaringEnormousDimensionsIsRefusedBeforeItIsDecoded() throws IOException {
        byte[] bomb = pngHeaderOnly(50_000, 50_000);

        assertThatThrownBy(() -> FrameDecoder.decode(bomb))
                .isInstanceOf(FrameDecoder.UnreadableFrame.class)
                .hasMessageContaining("50000x50000")
                .hasMessageContaining("640x480");
    }

    @Test
    void anEmptyFrameIsNamedAsSuch() {
        assertThatThrownBy(() -> FrameDecoder.decode(new byte[0]))
                .isInstanceOf(FrameDecoder.UnreadableFrame.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aCameraJpegIsKeptInYCbCrAndSamplesAsTheDecodersOwnRgbWithinTwoLevels() throws IOException {
        assertSamplesAsImageIoReadsIt(FaceImages.jpeg(FaceImages.placed(FaceImages.image("sample3-middle.jpg"),
                640, 480, 80, 0, 480, 480)), RgbImage.Encoding.YCBCR);
        assertSamplesAsImageIoReadsIt(FaceImages.photo("sample1.jpg"), RgbImage.Encoding.YCBCR);
    }

    @Test
    void aPngIsReadAsRgb() throws IOException {
        assertSamplesAsImageIoReadsIt(FaceImages.png(FaceImages.image("sample3-middle.jpg")), RgbImage.Encoding.BGR);
    }

    /**
     * At every pixel centre of a 7-pixel grid: R, G, B as ImageIO's colour-converting read gives them (the JPEG
     * decoder rounds its fixed-point conversion; converting in floats differs by at most a level or two), and the
     * luma as the expression crop computed it from them where the decoder clipped no channel (for YCbCr the luma
     * is Y itself, the luma of the colour before R, G or B was clipped to 0..255).
     */
    private static void assertSamplesAsImageIoReadsIt(byte[] encoded, RgbImage.Encoding encoding) throws IOException {
        RgbImage decoded;
        try {
            decoded = FrameDecoder.decode(encoded);
        } catch (FrameDecoder.UnreadableFrame e) {
            throw new AssertionError(e);
        }
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(encoded));
        assertThat(decoded.encoding()).isEqualTo(encoding);
        assertThat(decoded.width()).isEqualTo(reference.getWidth());
        assertThat(decoded.height()).isEqualTo(reference.getHeight());
        float[] rgb = new float[3];
        for (int y = 0; y < reference.getHeight(); y += 7) {
            for (int x = 0; x < reference.getWidth(); x += 7) {
                int expected = reference.getRGB(x, y);
                int r = expected >> 16 & 0xff;
                int g = expected >> 8 & 0xff;
                int b = expected & 0xff;
                decoded.sample(x + 0.5, y + 0.5, rgb);
                assertThat(rgb[0]).as("R at %d,%d", x, y).isCloseTo(r, within(2f));
                assertThat(rgb[1]).as("G at %d,%d", x, y).isCloseTo(g, within(2f));
                assertThat(rgb[2]).as("B at %d,%d", x, y).isCloseTo(b, within(2f));
                boolean clipped = Math.min(r, Math.min(g, b)) == 0 || Math.max(r, Math.max(g, b)) == 255;
                if (!clipped) {
                    assertThat(decoded.sampleLuma(x + 0.5, y + 0.5, rgb)).as("luma at %d,%d", x, y)
                            .isCloseTo(0.299f * r + 0.587f * g + 0.114f * b, within(1.5f));
                }
            }
        }
    }

    /** A PNG signature and a valid IHDR chunk declaring the size, and nothing else: all a header check reads. */
    private static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(ihdr);
        data.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        data.writeInt(width);
        data.writeInt(height);
        data.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
        byte[] chunk = ihdr.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(chunk);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeInt(chunk.length - 4);
        out.write(chunk);
        out.writeInt((int) crc.getValue());
        return png.toByteArray();
    }
}
