package org.eecs.adapter.out.recognition.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FaceRecognitionConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(FaceRecognitionConfiguration.class);

    @Test
    void exposesTheAdapterWithTheShippedModelsByDefault() {
        context.run(started -> {
            assertThat(started).hasSingleBean(RecognizeFacialExpression.class);
            FaceRecognitionProperties properties = started.getBean(FaceRecognitionProperties.class);
            assertThat(properties.expression().descriptor()).isEqualTo(ExpressionModelDescriptor.FER2013_MINI_XCEPTION);
            assertThat(properties.detector().minConfidence()).isEqualTo(0.75);
            assertThat(properties.threads()).isEqualTo(1);
        });
    }

    @Test
    void takesEachSettingFromConfigurationKeepingTheDefaultsForTheRest() {
        context.withPropertyValues("eecs.recognition.face.threads=2",
                        "eecs.recognition.face.frame-workers=1",
                        "eecs.recognition.face.detector.min-confidence=0.9",
                        "eecs.recognition.face.expression.version=test-1",
                        "eecs.recognition.face.expression.mean=0.5",
                        "eecs.recognition.face.expression.std=0.5")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    FaceRecognitionProperties properties = started.getBean(FaceRecognitionProperties.class);
                    assertThat(properties.threads()).isEqualTo(2);
                    assertThat(properties.frameWorkers()).isEqualTo(1);
                    assertThat(properties.detector().minConfidence()).isEqualTo(0.9);
                    assertThat(properties.detector().minScore()).isEqualTo(0.5);
                    ExpressionModelDescriptor descriptor = properties.expression().descriptor();
                    assertThat(descriptor.version()).isEqualTo("test-1");
                    assertThat(descriptor.name()).isEqualTo("fer2013-mini-xception");
                    assertThat(descriptor.labels()).hasSize(7);
                });
    }

    @Test
    void detectsFacesOnEveryOtherFrameByDefaultAndOnEveryFrameWhenConfigured() {
        context.run(started -> {
            FaceRecognitionProperties.Detector detector = started.getBean(FaceRecognitionProperties.class).detector();
            assertThat(detector.detectEvery()).isEqualTo(2);
            assertThat(detector.maxTrackedChange()).isEqualTo(8.0);
        });
        context.withPropertyValues("eecs.recognition.face.detector.detect-every=1",
                        "eecs.recognition.face.detector.max-tracked-change=5")
                .run(started -> assertThat(started.getBean(FaceRecognitionProperties.class).detector().tracking())
                        .isEqualTo(new OnnxFacialExpressionRecognizer.Tracking(1, 5)));
        context.withPropertyValues("eecs.recognition.face.detector.detect-every=0")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("faces must be detected on every n-th frame, n >= 1, got 0"));
    }

    @Test
    void refusesToStartWhenTheLabelsDoNotMatchTheModelsOutput() {
        context.withPropertyValues("eecs.recognition.face.expression.labels="
                        + String.join(",", List.of("neutral", "happy", "surprise", "sad", "angry", "disgust", "fear",
                        "contempt")))
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("answers 7 classes but 8 labels are configured"));
    }

    @Test
    void refusesToStartWithAModelWhoseChecksumIsNotTheConfiguredOne() {
        context.withPropertyValues("eecs.recognition.face.expression.sha256=" + "0".repeat(64))
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("refusing to run a model other than the one shipped"));
    }
}
