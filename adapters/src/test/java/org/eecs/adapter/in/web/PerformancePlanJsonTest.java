package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eecs.adapter.out.generation.GenerationBenchmarkAccess;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.PerformancePlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the robot receives is what docs/robot-protocol.md says it receives: the fields, the encodings, the sizes and
 * the times of a real plan (FreeTTS, the audio-driven face, a minimum-jerk motion), decoded back as a robot would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerformancePlanJsonTest {

    private static final CareResponse TWO_SENTENCES = new CareResponse(
            "You're not alone, I can help you step by step. Let's take a slow breath together.",
            Tone.ENCOURAGING, FacialExpression.SMILE, Motion.LEAN_FORWARD_AND_NOD);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    PerformancePlan plan;
    String wire;
    JsonNode json;

    @BeforeAll
    void encodeARealPlan() {
        plan = GenerationBenchmarkAccess.preparingPerformance().prepare(TWO_SENTENCES).plan();
        wire = JSON.writeValueAsString(PerformancePlanJson.of(plan));
        json = JSON.readTree(wire);
    }

    @Test
    void theEnvelopeNamesTheFormatItsVersionTheDurationAndTheResponseInTheVocabularysWords() {
        assertThat(json.propertyNames()).containsExactly("format", "version", "durationUs", "response", "speech",
                "face", "motion");
        assertThat(json.get("format").asString()).isEqualTo("eecs.performance-plan");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("durationUs").asLong()).isEqualTo(plan.duration().toNanos() / 1000);
        assertThat(json.get("response").get("tone").asString()).isEqualTo("encouraging");
        assertThat(json.get("response").get("motion").asString()).isEqualTo("lean forward and nod");
    }

    @Test
    void theSpeechIsACompleteCanonicalWav_ofExactlySampleCountSamples() {
        JsonNode speech = json.get("speech");
        int samples = speech.get("sampleCount").asInt();
        byte[] wav = Base64.getDecoder().decode(speech.get("wav").asString());

        assertThat(speech.get("sampleRate").asInt()).isEqualTo(16000);
        assertThat(speech.get("encoding").asString()).isEqualTo("wav-pcm16le-mono;base64");
        assertThat(speech.get("voice").asString()).isEqualTo(plan.speech().voice().toString());
        assertThat(samples).isEqualTo(plan.speech().samples().length);
        assertThat(wav).hasSize(44 + 2 * samples);
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(header.getInt(4)).isEqualTo(36 + 2 * samples);
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(header.getShort(20)).isEqualTo((short) 1);   // PCM
        assertThat(header.getShort(22)).isEqualTo((short) 1);   // mono
        assertThat(header.getInt(24)).isEqualTo(16000);
        assertThat(header.getShort(34)).isEqualTo((short) 16);
        assertThat(header.getInt(40)).isEqualTo(2 * samples);
        assertThat(header.getShort(44 + 2 * 1000)).isEqualTo(plan.speech().samples()[1000]);
    }

    @Test
    void wordsAndPhonemesAreSampleRangesWithinTheAudio_inSpokenOrder() {
        JsonNode speech = json.get("speech");
        List<JsonNode> words = speech.get("words").valueStream().toList();
        assertThat(words).hasSize(plan.speech().words().size()).isNotEmpty();
        long previousEnd = 0;
        for (JsonNode word : words) {
            assertThat(word.get("startSample").asLong()).isBetween(previousEnd - 1, word.get("endSample").asLong());
            assertThat(word.get("endSample").asLong()).isLessThanOrEqualTo(speech.get("sampleCount").asLong());
            previousEnd = word.get("endSample").asLong();
        }
        assertThat(words.getFirst().get("text").asString()).isEqualTo(plan.speech().words().getFirst().label());
        assertThat(speech.get("phonemes").size()).isEqualTo(plan.speech().phonemes().size());
    }

    @Test
    void theFaceCoversTheSpeechFrameForFrame_oneBytePerChannel() {
        JsonNode face = json.get("face");
        int samples = json.get("speech").get("sampleCount").asInt();
        int frameCount = face.get("frameCount").asInt();
        List<String> channels = face.get("channels").valueStream().map(JsonNode::asString).toList();
        byte[] frames = Base64.getDecoder().decode(face.get("frames").asString());

        assertThat(frameCount).isEqualTo((int) Math.ceil(samples * 30.0 / 16000));
        assertThat(face.get("framesPerSecond").asInt()).isEqualTo(30);
        assertThat(face.get("encoding").asString()).isEqualTo("uint8;base64");
        assertThat(channels).isEqualTo(plan.face().channels().stream().map(FaceChannel::key).toList());
        assertThat(frames).hasSize(frameCount * channels.size());
        int frame = frameCount / 2;
        int smile = channels.indexOf("mouthSmile");
        assertThat((frames[frame * channels.size() + smile] & 0xff) / 255.0)
                .isCloseTo(plan.face().value(frame, FaceChannel.MOUTH_SMILE), within(0.5 / 255 + 1e-6));
    }

    @Test
    void theMotionIsFloat32LittleEndian_samplePerJoint_fromRestToRest() {
        JsonNode motion = json.get("motion");
        int samples = motion.get("sampleCount").asInt();
        List<String> joints = motion.get("joints").valueStream().map(JsonNode::asString).toList();
        ByteBuffer positions = ByteBuffer.wrap(Base64.getDecoder().decode(motion.get("positions").asString()))
                .order(ByteOrder.LITTLE_ENDIAN);

        assertThat(motion.get("samplesPerSecond").asInt()).isEqualTo(100);
        assertThat(motion.get("unit").asString()).isEqualTo("rad");
        assertThat(motion.get("encoding").asString()).isEqualTo("float32le;base64");
        assertThat(joints).isEqualTo(plan.motion().joints());
        assertThat(positions.capacity()).isEqualTo(samples * joints.size() * 4);
        int torso = joints.indexOf("torsoPitch");
        int middle = samples / 2;
        assertThat(positions.getFloat((middle * joints.size() + torso) * 4))
                .isEqualTo((float) plan.motion().position(middle, torso));
        assertThat(positions.getFloat(torso * 4)).isEqualTo((float) plan.motion().position(0, torso));
    }

    @Test
    void theSizesAreThoseTheProtocolStates_about50KBPerSecondOfSpeech() {
        double seconds = plan.speech().duration().toNanos() / 1e9;
        int frames = json.get("face").get("frameCount").asInt();
        int samples = json.get("motion").get("sampleCount").asInt();

        assertThat(json.get("face").get("frames").asString().length()).isEqualTo(base64Length(frames * 11));
        assertThat(json.get("motion").get("positions").asString().length()).isEqualTo(base64Length(samples * 12 * 4));
        assertThat(json.get("speech").get("wav").asString().length())
                .isEqualTo(base64Length(44 + 2 * plan.speech().samples().length));
        double kilobytesPerSecond = wire.getBytes(StandardCharsets.UTF_8).length / 1000.0 / seconds;
        assertThat(kilobytesPerSecond).isBetween(45.0, 56.0);
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }
}
