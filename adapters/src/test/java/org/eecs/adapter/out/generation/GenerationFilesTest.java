package org.eecs.adapter.out.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.performance.FaceChannel;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

class GenerationFilesTest {

    private static final Resource PROFILE = new ClassPathResource("generation/robot-profile.yaml");
    private static final Resource MOTIONS = new ClassPathResource("generation/motion-library.yaml");
    private static final Resource PROSODY = new ClassPathResource("generation/prosody.tsv");

    @Test
    void theBundledRobotCanPerformTheWholeVocabulary() {
        GenerationFiles files = GenerationFiles.bundled();
        assertThat(files.abilities()).isEqualTo(RobotAbilities.everything());
        assertThat(files.profile().jointNames()).containsExactly("headPitch", "headYaw", "headRoll", "torsoPitch",
                "leftShoulderPitch", "leftShoulderRoll", "leftElbow", "leftWrist", "rightShoulderPitch",
                "rightShoulderRoll", "rightElbow", "rightWrist");
        assertThat(files.profile().channels()).containsExactly(FaceChannel.values());
    }

    @Test
    void aRobotProfileOffersOnlyWhatItsFilesDescribe() {
        GenerationFiles files = GenerationFiles.read(PROFILE, yaml("none: {}\nnod:\n  reach:\n"
                + "    - {in: 0.4, pose: {headPitch: 0.2}}\n  release: 0.4\n"), tsv("neutral\t150\t100\t11\t0.9\tSay it.\n"
                + "gentle\t130\t95\t8\t0.75\tGently.\n"));
        assertThat(files.abilities().motions()).extracting(Enum::name).containsExactlyInAnyOrder("NONE", "NOD");
        assertThat(files.abilities().tones()).containsExactlyInAnyOrder(Tone.NEUTRAL, Tone.GENTLE);
    }

    @Test
    void anUnknownMotionNameStopsTheStartSayingWhere() {
        assertThatThrownBy(() -> GenerationFiles.read(PROFILE, yaml("none: {}\nmoonwalk:\n  reach: []\n"), PROSODY))
                .isInstanceOf(InvalidGenerationFile.class)
                .hasMessageStartingWith("Byte array resource [motion-library.yaml], line 3, moonwalk: unknown motion "
                        + "\"moonwalk\"; allowed: none, nod");
    }

    @Test
    void aKeyframeBeyondAJointsLimitStopsTheStart() {
        assertThatThrownBy(() -> GenerationFiles.read(PROFILE, yaml("none: {}\nnod:\n  reach:\n"
                + "    - {in: 0.4, pose: {headPitch: 0.9}}\n  release: 0.4\n"), PROSODY))
                .hasMessageEndingWith("nod.reach[0].pose.headPitch: headPitch reaches only [-0.35, 0.45], got 0.9");
    }

    @Test
    void aKeyframeOnAJointTheRobotLacksStopsTheStart() {
        assertThatThrownBy(() -> GenerationFiles.read(PROFILE, yaml("none: {}\nnod:\n  reach:\n"
                + "    - {in: 0.4, pose: {tail: 0.1}}\n  release: 0.4\n"), PROSODY))
                .hasMessageContaining("nod.reach[0].pose.tail: the robot has no joint tail (its joints: headPitch,");
    }

    @Test
    void aCycleThatDoesNotReturnStopsTheStart() {
        assertThatThrownBy(() -> GenerationFiles.read(PROFILE, yaml("none: {}\nnod:\n  reach:\n"
                + "    - {in: 0.4, pose: {headPitch: 0.2}}\n  cycle:\n    - {in: 0.4, pose: {headPitch: 0.0}}\n"
                + "  release: 0.4\n"), PROSODY))
                .hasMessageEndingWith("nod.cycle: a cycle must end in the pose the reach ends in, so that it can repeat");
    }

    @Test
    void aLibraryWithoutStillnessStopsTheStart() {
        assertThatThrownBy(() -> GenerationFiles.read(PROFILE, yaml("nod:\n  reach:\n"
                + "    - {in: 0.4, pose: {headPitch: 0.2}}\n  release: 0.4\n"), PROSODY))
                .hasMessageContaining("the motion \"none\" is required and must be empty");
    }

    @Test
    void jointLimitsAndRestPoseAreChecked() {
        assertThatThrownBy(() -> GenerationFiles.read(profile("headPitch: {min: 0.5, max: -0.5, maxVelocity: 1, "
                + "maxAcceleration: 1, rest: 0}"), MOTIONS, PROSODY))
                .hasMessageEndingWith("joints.headPitch: min must be below max, got 0.5 and -0.5");
        assertThatThrownBy(() -> GenerationFiles.read(profile("headPitch: {min: -0.5, max: 0.5, maxVelocity: 0, "
                + "maxAcceleration: 1, rest: 0}"), MOTIONS, PROSODY))
                .hasMessageEndingWith("joints.headPitch.maxVelocity: must lie in [0.001, 100.0], got 0.0");
        assertThatThrownBy(() -> GenerationFiles.read(profile("headPitch: {min: -0.5, max: 0.5, maxVelocity: 1, "
                + "maxAcceleration: 1, rest: 0.7}"), MOTIONS, PROSODY))
                .hasMessageEndingWith("joints.headPitch.rest: the rest pose must lie within [-0.5, 0.5], got 0.7");
        assertThatThrownBy(() -> GenerationFiles.read(profile("headPitch: {min: -0.5, max: 0.5, maxVelocity: 1, "
                + "rest: 0}"), MOTIONS, PROSODY))
                .hasMessageEndingWith("joints.headPitch: \"maxAcceleration\" is missing");
    }

    @Test
    void anUnknownFaceChannelOrExpressionStopsTheStart() {
        assertThatThrownBy(() -> RobotProfileFile.read(GenerationFiles.yaml(yaml("name: r\njoints:\n  a: {min: -1, max: 1, "
                + "maxVelocity: 1, maxAcceleration: 1, rest: 0}\nface:\n  channels: [jawOpen, tongueOut]\n"
                + "  expressions: {neutral: {}}\n"))))
                .hasMessageContaining("face.channels[1]: unknown face channel \"tongueOut\"; known: jawOpen,");
        assertThatThrownBy(() -> RobotProfileFile.read(GenerationFiles.yaml(yaml("name: r\njoints:\n  a: {min: -1, max: 1, "
                + "maxVelocity: 1, maxAcceleration: 1, rest: 0}\nface:\n  channels: [jawOpen]\n"
                + "  expressions: {neutral: {}, smirk: {jawOpen: 0.1}}\n"))))
                .hasMessageContaining("face.expressions.smirk: unknown facial expression \"smirk\"; allowed: neutral,");
        assertThatThrownBy(() -> RobotProfileFile.read(GenerationFiles.yaml(yaml("name: r\njoints:\n  a: {min: -1, max: 1, "
                + "maxVelocity: 1, maxAcceleration: 1, rest: 0}\nface:\n  channels: [jawOpen]\n"
                + "  expressions: {neutral: {}, smile: {mouthSmile: 0.5}}\n"))))
                .hasMessageEndingWith("face.expressions.smile.mouthSmile: the face has no channel mouthSmile (its "
                        + "channels: jawOpen)");
    }

    @Test
    void aBrokenProsodyTableStopsTheStartNamingTheLine() {
        assertThatThrownBy(() -> ProsodyTable.read(tsv("# comment\nneutral\t150\t100\t11\t0.9\n")))
                .hasMessageEndingWith("line 2: expected 6 tab-separated cells (tone, rate, pitch, pitch range, volume, "
                        + "instruction), got 5");
        assertThatThrownBy(() -> ProsodyTable.read(tsv("neutral\t150\tlow\t11\t0.9\tSay it.\n")))
                .hasMessageEndingWith("line 1: pitch must be a number, got \"low\"");
        assertThatThrownBy(() -> ProsodyTable.read(tsv("gentle\t130\t95\t8\t0.75\tGently.\n")))
                .hasMessageContaining("the neutral tone is required");
        assertThatThrownBy(() -> ProsodyTable.read(tsv("neutral\t150\t100\t11\t0.9\tSay it.\nsarcastic\t150\t100\t11"
                + "\t0.9\tSay it.\n"))).hasMessageContaining("line 2: unknown tone \"sarcastic\"");
    }

    @Test
    void aToneTheVoiceDoesNotHaveIsRefusedNamingTheTonesItHas() {
        ProsodyTable onlyNeutral = new ProsodyTable(Map.of(Tone.NEUTRAL, Voice.FILES.prosody().of(Tone.NEUTRAL)));
        assertThatThrownBy(() -> onlyNeutral.of(Tone.CHEERFUL)).isInstanceOf(DomainViolation.class)
                .hasMessage("this robot's voice has no tone cheerful; it has neutral");
    }

    @Test
    void anUnreadableOrEmptyFileStopsTheStart() {
        assertThatThrownBy(() -> GenerationFiles.yaml(new ClassPathResource("generation/nowhere.yaml")))
                .hasMessageStartingWith("classpath:generation/nowhere.yaml: cannot be read");
        assertThatThrownBy(() -> GenerationFiles.yaml(yaml(""))).hasMessageEndingWith("the file is empty");
        assertThatThrownBy(() -> GenerationFiles.yaml(yaml("a: [1, 2"))).hasMessageContaining("not valid YAML");
    }

    @Test
    void aPoseGivenTwiceForOneMotionStopsTheStartInsteadOfTheLastOneWinning() {
        assertThatThrownBy(() -> GenerationFiles.read(PROFILE, yaml("none: {}\nnod:\n  release: 1\nnod:\n  release: 2\n"),
                PROSODY))
                .isInstanceOf(InvalidGenerationFile.class)
                .hasMessageEndingWith("line 5, nod: \"nod\" is given twice");
    }

    private static Resource profile(String headPitch) {
        return yaml("name: r\njoints:\n  " + headPitch + "\nface:\n  channels: [jawOpen]\n  expressions: {neutral: {}}\n");
    }

    private static Resource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "motion-library.yaml");
    }

    private static Resource tsv(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "prosody.tsv");
    }
}
