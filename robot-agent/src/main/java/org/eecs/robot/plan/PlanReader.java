package org.eecs.robot.plan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.UnreadableWav;
import org.eecs.perception.audio.WavDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the wire form of a performance plan (docs/robot-protocol.md) and checks it whole before anything is
 * performed: format and version, every count against its array, the WAV's own header. A plan that fails is refused
 * with an {@link UnreadablePlan} naming the field.
 */
public final class PlanReader {

    public static final String FORMAT = "eecs.performance-plan";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final WavDecoder wavDecoder = new WavDecoder();

    public PerformancePlan read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadablePlan("not a performance plan: the JSON cannot be read (" + e.getOriginalMessage() + ")",
                    e);
        }
        return read(root);
    }

    public PerformancePlan read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new UnreadablePlan("not a performance plan: expected a JSON object");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new UnreadablePlan("format: expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        long version = whole(root, "version");
        if (version != VERSION) {
            throw new UnreadablePlan("version: this robot performs version " + VERSION + " plans, got " + version);
        }
        JsonNode response = object(root, "response");
        PerformancePlan.Response said = new PerformancePlan.Response(text(response, "text"),
                text(response, "tone"), text(response, "face"), text(response, "motion"));
        PerformancePlan.Speech speech = speech(object(root, "speech"));
        PerformancePlan.Face face = face(object(root, "face"));
        PerformancePlan.Motion motion = motion(object(root, "motion"));
        return new PerformancePlan(whole(root, "durationUs"), said, speech, face, Optional.of(motion));
    }

    private PerformancePlan.Speech speech(JsonNode speech) {
        expect(speech, "speech.encoding", "wav-pcm16le-mono;base64");
        long rate = whole(speech, "sampleRate");
        if (rate != PcmAudio.RATE) {
            throw new UnreadablePlan("speech.sampleRate: expected 16000, got " + rate);
        }
        byte[] wav = base64(speech, "wav", "speech.wav");
        PcmAudio audio;
        try {
            audio = wavDecoder.decode(wav);
        } catch (UnreadableWav e) {
            throw new UnreadablePlan("speech.wav: " + e.getMessage(), e);
        }
        long declared = whole(speech, "sampleCount");
        if (declared != audio.length()) {
            throw new UnreadablePlan("speech.sampleCount: " + declared + " declared, the WAV holds " + audio.length());
        }
        List<PerformancePlan.Timed> words = new ArrayList<>();
        JsonNode list = speech.get("words");
        if (list != null && list.isArray()) {
            for (JsonNode word : list) {
                words.add(new PerformancePlan.Timed(text(word, "text"), whole(word, "startSample"),
                        whole(word, "endSample")));
            }
        }
        return new PerformancePlan.Speech(whole(speech, "offsetUs"), audio, words);
    }

    private static PerformancePlan.Face face(JsonNode face) {
        expect(face, "face.encoding", "uint8;base64");
        List<String> channels = names(face, "channels", "face.channels");
        int frameCount = count(face, "frameCount", "face");
        byte[] bytes = base64(face, "frames", "face.frames");
        if (bytes.length != (long) frameCount * channels.size()) {
            throw new UnreadablePlan("face.frames: " + bytes.length + " bytes, expected frameCount x channels = "
                    + frameCount + " x " + channels.size());
        }
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = (bytes[i] & 0xFF) / 255f;
        }
        int fps = count(face, "framesPerSecond", "face");
        if (fps == 0) {
            throw new UnreadablePlan("face.framesPerSecond: must be positive");
        }
        return new PerformancePlan.Face(whole(face, "offsetUs"), fps, channels, frameCount, values);
    }

    private static PerformancePlan.Motion motion(JsonNode motion) {
        expect(motion, "motion.encoding", "float32le;base64");
        expect(motion, "motion.unit", "rad");
        List<String> joints = names(motion, "joints", "motion.joints");
        int sampleCount = count(motion, "sampleCount", "motion");
        byte[] bytes = base64(motion, "positions", "motion.positions");
        if (bytes.length != (long) sampleCount * joints.size() * Float.BYTES) {
            throw new UnreadablePlan("motion.positions: " + bytes.length + " bytes, expected sampleCount x joints x 4 = "
                    + sampleCount + " x " + joints.size() + " x 4");
        }
        float[] positions = new float[sampleCount * joints.size()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(positions);
        for (int i = 0; i < positions.length; i++) {
            if (!Float.isFinite(positions[i])) {
                throw new UnreadablePlan("motion.positions: sample " + i / joints.size() + " of joint "
                        + joints.get(i % joints.size()) + " is not a finite number");
            }
        }
        int rate = count(motion, "samplesPerSecond", "motion");
        if (rate == 0) {
            throw new UnreadablePlan("motion.samplesPerSecond: must be positive");
        }
        return new PerformancePlan.Motion(whole(motion, "offsetUs"), rate, joints, sampleCount, positions);
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new UnreadablePlan(field + ": missing or not an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isString()) {
            throw new UnreadablePlan(field + ": missing or not a string");
        }
        return node.asString();
    }

    private static long whole(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber()) {
            throw new UnreadablePlan(field + ": missing or not a whole number");
        }
        long value = node.asLong();
        if (value < 0) {
            throw new UnreadablePlan(field + ": must not be negative, got " + value);
        }
        return value;
    }

    private static int count(JsonNode parent, String field, String part) {
        long value = whole(parent, field);
        if (value > 100_000_000L) {
            throw new UnreadablePlan(part + "." + field + ": " + value + " is beyond any performable plan");
        }
        return (int) value;
    }

    private static void expect(JsonNode parent, String name, String expected) {
        String field = name.substring(name.indexOf('.') + 1);
        String actual = text(parent, field);
        if (!expected.equals(actual)) {
            throw new UnreadablePlan(name + ": expected \"" + expected + "\", got \"" + actual + "\"");
        }
    }

    private static List<String> names(JsonNode parent, String field, String name) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new UnreadablePlan(name + ": missing or not a list");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw new UnreadablePlan(name + ": every entry must be a name, got " + item);
            }
            names.add(item.asString());
        }
        return names;
    }

    private static byte[] base64(JsonNode parent, String field, String name) {
        try {
            return Base64.getDecoder().decode(text(parent, field));
        } catch (IllegalArgumentException e) {
            throw new UnreadablePlan(name + ": not base64 (" + e.getMessage() + ")", e);
        }
    }
}
