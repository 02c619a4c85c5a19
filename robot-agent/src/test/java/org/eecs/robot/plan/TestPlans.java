package org.eecs.robot.plan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.perception.audio.WavWriter;
import org.eecs.robot.body.RobotProfile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Performance plans for tests, and their wire form (docs/robot-protocol.md) as the backend would send it. */
public final class TestPlans {

    public static final RobotProfile PROFILE = RobotProfile.bundled();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestPlans() {
    }

    /** A voiced-sounding tone at 180 Hz with a 3 Hz syllable envelope: loud enough to move a jaw. */
    public static PcmAudio speech(double seconds) {
        float[] samples = new float[(int) Math.round(seconds * 16_000)];
        for (int i = 0; i < samples.length; i++) {
            double t = i / 16_000.0;
            samples[i] = (float) (0.3 * Math.abs(Math.sin(Math.PI * 3 * t)) * Math.sin(2 * Math.PI * 180 * t));
        }
        return PcmAudio.of16kHz(samples);
    }

    /**
     * A plan as the backend makes them: speech of {@code seconds}, a face whose jaw follows a 2 Hz wave and whose
     * smile rises, and a slow nod of the head (minimum jerk down to 0.2 rad, less for short plans, and back, within the limits) that
     * starts and ends at rest.
     */
    public static PerformancePlan nodding(double seconds) {
        PcmAudio audio = speech(seconds);
        int frames = (int) Math.ceil(audio.length() * 30.0 / 16_000);
        List<String> channels = PROFILE.faceChannels();
        float[] face = new float[frames * channels.size()];
        for (int f = 0; f < frames; f++) {
            face[f * channels.size() + channels.indexOf("jawOpen")] = (float) (0.5 + 0.5 * Math.sin(f * 2 * Math.PI / 15));
            face[f * channels.size() + channels.indexOf("mouthSmile")] = Math.min(1f, f / 30f);
        }
        int samples = (int) Math.round(seconds * 100) + 1;
        int joints = PROFILE.jointCount();
        double[] rest = PROFILE.restPose();
        int head = PROFILE.indexOfJoint("headPitch");
        // down and back, each half one minimum-jerk segment, kept well within headPitch's 1.5 rad/s and 10 rad/s^2
        double half = (samples - 1) / 200.0;
        double depth = Math.min(0.2, Math.min(8 * half * half / 5.774, 1.2 * half / 1.875));
        float[] positions = new float[samples * joints];
        for (int i = 0; i < samples; i++) {
            double s = i / (double) (samples - 1);
            double phase = s < 0.5 ? s * 2 : (1 - s) * 2;
            double shape = phase * phase * phase * (10 - 15 * phase + 6 * phase * phase);
            for (int j = 0; j < joints; j++) {
                positions[i * joints + j] = (float) rest[j];
            }
            positions[i * joints + head] = (float) (depth * shape);
        }
        long durationUs = Math.max(audio.length() * 1_000_000L / 16_000, (samples - 1) * 10_000L);
        return new PerformancePlan(durationUs, new PerformancePlan.Response("I am here with you.", "warm", "smile",
                "nod"), new PerformancePlan.Speech(0, audio, List.of()),
                new PerformancePlan.Face(0, 30, channels, frames, face),
                Optional.of(new PerformancePlan.Motion(0, 100, PROFILE.jointNames(), samples, positions)));
    }

    /** The wire form of {@code plan}. */
    public static ObjectNode wire(PerformancePlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "eecs.performance-plan").put("version", 1).put("durationUs", plan.durationUs());
        ObjectNode response = root.putObject("response");
        response.put("text", plan.response().text()).put("tone", plan.response().tone())
                .put("face", plan.response().face()).put("motion", plan.response().motion());
        ObjectNode speech = root.putObject("speech");
        PcmAudio audio = plan.speech().audio();
        speech.put("offsetUs", plan.speech().offsetUs()).put("sampleRate", 16000).put("sampleCount", audio.length())
                .put("voice", "test").put("encoding", "wav-pcm16le-mono;base64")
                .put("wav", Base64.getEncoder().encodeToString(WavWriter.wav(audio)));
        ArrayNode words = speech.putArray("words");
        for (PerformancePlan.Timed word : plan.speech().words()) {
            words.addObject().put("text", word.text()).put("startSample", word.startSample())
                    .put("endSample", word.endSample());
        }
        speech.putArray("phonemes");
        PerformancePlan.Face face = plan.face();
        ObjectNode faceNode = root.putObject("face");
        faceNode.put("offsetUs", face.offsetUs()).put("framesPerSecond", face.framesPerSecond())
                .put("frameCount", face.frameCount()).put("encoding", "uint8;base64");
        ArrayNode channels = faceNode.putArray("channels");
        face.channels().forEach(channels::add);
        byte[] bytes = new byte[face.values().length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.round(face.values()[i] * 255);
        }
        faceNode.put("frames", Base64.getEncoder().encodeToString(bytes));
        PerformancePlan.Motion motion = plan.motion().orElseThrow();
        ObjectNode motionNode = root.putObject("motion");
        motionNode.put("offsetUs", motion.offsetUs()).put("samplesPerSecond", motion.samplesPerSecond())
                .put("sampleCount", motion.sampleCount()).put("unit", "rad").put("encoding", "float32le;base64");
        ArrayNode joints = motionNode.putArray("joints");
        motion.joints().forEach(joints::add);
        ByteBuffer positions = ByteBuffer.allocate(motion.positions().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        positions.asFloatBuffer().put(motion.positions());
        motionNode.put("positions", Base64.getEncoder().encodeToString(positions.array()));
        return root;
    }

    public static byte[] wireBytes(PerformancePlan plan) {
        return JSON.writeValueAsBytes(wire(plan));
    }

    /** A copy of {@code motion} with joint {@code joint}'s sample {@code sample} set to {@code value}. */
    public static PerformancePlan.Motion withSample(PerformancePlan.Motion motion, int sample, String joint,
                                                    float value) {
        float[] positions = motion.positions().clone();
        positions[sample * motion.joints().size() + motion.joints().indexOf(joint)] = value;
        return new PerformancePlan.Motion(motion.offsetUs(), motion.samplesPerSecond(), motion.joints(),
                motion.sampleCount(), positions);
    }

    public static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
