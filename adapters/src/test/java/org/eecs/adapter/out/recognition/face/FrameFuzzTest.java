package org.eecs.adapter.out.recognition.face;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as a camera frame (JPEG, PNG, or whatever ImageIO recognises): decoded within the size allowed, or an
 * unreadable frame (skipped and logged); nothing else may escape. Regression inputs in
 * {@code src/test/resources/org/eecs/adapter/out/recognition/face/FrameFuzzTestInputs}.
 */
class FrameFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void anyBytes_decodeOrAreAnUnreadableFrame(byte[] encoded) {
        try {
            RgbImage image = FrameDecoder.decode(encoded);
            if ((long) image.width() * image.height() > FrameDecoder.MAX_PIXELS) {
                throw new AssertionError("a frame larger than allowed was decoded");
            }
        } catch (FrameDecoder.UnreadableFrame refused) {
            // skipped, named in the log
        }
    }
}
