package org.eecs.adapter.out.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.RobotProfile;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.domain.care.Motion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class GenerationConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(GenerationConfiguration.class);

    @Test
    void theBundledFilesAndOpenAiSpeechAreWiredByProperty() {
        runner.withPropertyValues("eecs.generation.speech.engine=openai",
                        "eecs.generation.speech.openai.tone-field=prompt")
                .run(context -> {
                    assertThat(context.getBean(SynthesizeSpeech.class)).isInstanceOf(OpenAiSpeech.class);
                    assertThat(context.getBean(AnimateFace.class)).isInstanceOf(AudioDrivenFace.class);
                    assertThat(context.getBean(PlanMotion.class)).isInstanceOf(MinimumJerkMotion.class);
                    assertThat(context.getBean(RobotProfile.class).abilities().motions()).contains(Motion.OPEN_ARMS);
                    assertThat(context.getBean(GenerationProperties.class).speech().openai().toneField())
                            .isEqualTo("prompt");
                });
    }

    @Test
    void freeTtsIsTheDefault() {
        runner.run(context -> assertThat(context.getBean(SynthesizeSpeech.class)).isInstanceOf(FreeTtsSpeech.class));
    }

    @Test
    void aMotionLibraryFromAnotherPathNarrowsWhatTheRobotOffers(@TempDir Path dir) throws IOException {
        Path library = Files.writeString(dir.resolve("motions.yaml"), "none: {}\nhead tilt:\n  reach:\n"
                + "    - {in: 0.5, pose: {headRoll: 0.2}}\n  release: 0.5\n");
        runner.withPropertyValues("eecs.generation.speech.engine=openai",
                        "eecs.generation.motion-library=file:" + library)
                .run(context -> assertThat(context.getBean(RobotProfile.class).abilities().motions())
                        .containsExactlyInAnyOrder(Motion.NONE, Motion.HEAD_TILT));
    }

    @Test
    void aBrokenFileStopsTheStartSayingWhereAndWhat(@TempDir Path dir) throws IOException {
        Path library = Files.writeString(dir.resolve("motions.yaml"), "none: {}\nnod:\n  reach:\n"
                + "    - {in: 0.5, pose: {headPitch: 3.0}}\n  release: 0.5\n");
        runner.withPropertyValues("eecs.generation.motion-library=file:" + library)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(InvalidGenerationFile.class)
                        .hasMessageContaining("motions.yaml")
                        .hasMessageEndingWith("nod.reach[0].pose.headPitch: headPitch reaches only [-0.35, 0.45], got 3.0"));
    }
}
