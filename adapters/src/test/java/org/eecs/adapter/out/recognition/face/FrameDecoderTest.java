package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
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
