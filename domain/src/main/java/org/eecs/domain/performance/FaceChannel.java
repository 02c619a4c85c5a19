package org.eecs.domain.performance;

import java.util.Arrays;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * The named blendshape channels a face timeline drives, each a value in [0, 1] (0 at rest, 1 at full strength).
 * The names follow ARKit's blendshapes (one channel for both sides), so a face display, an avatar or a physical
 * face maps them onto what it has. A robot's profile says which of them its face renders.
 */
public enum FaceChannel {
    /** The jaw drops: how far the mouth opens while speaking. */
    JAW_OPEN("jawOpen"),
    /** The lips press together (p, b, m). */
    MOUTH_CLOSE("mouthClose"),
    /** The lips round and push forward (oo, w). */
    MOUTH_PUCKER("mouthPucker"),
    MOUTH_SMILE("mouthSmile"),
    MOUTH_FROWN("mouthFrown"),
    CHEEK_RAISE("cheekRaise"),
    BROW_INNER_UP("browInnerUp"),
    BROW_DOWN("browDown"),
    EYE_BLINK("eyeBlink"),
    EYE_WIDE("eyeWide"),
    EYE_SQUINT("eyeSquint");

    private final String key;

    FaceChannel(String key) {
        this.key = key;
    }

    /** The channel's name in files and on the wire, e.g. {@code jawOpen}. */
    public String key() {
        return key;
    }

    public static FaceChannel fromKey(String key) {
        Require.present("face channel", key);
        return Arrays.stream(values()).filter(channel -> channel.key.equals(key)).findFirst()
                .orElseThrow(() -> new DomainViolation("unknown face channel " + Require.quote(key) + "; known: "
                        + String.join(", ", Arrays.stream(values()).map(FaceChannel::key).toList())));
    }
}
