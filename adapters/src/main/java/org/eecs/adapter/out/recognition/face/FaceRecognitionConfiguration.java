package org.eecs.adapter.out.recognition.face;

import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.perception.onnx.VerifiedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The facial expression recognition adapter, as the application's {@link RecognizeFacialExpression}: both models
 * are loaded once, their SHA-256 checked, when the context starts, and closed with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FaceRecognitionProperties.class)
class FaceRecognitionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FaceRecognitionConfiguration.class);

    @Bean
    RecognizeFacialExpression recognizeFacialExpression(FaceRecognitionProperties properties) {
        OnnxFacialExpressionRecognizer recognizer = create(properties);
        ExpressionModelDescriptor descriptor = properties.expression().descriptor();
        log.info("Facial expression recognition: {} and {}@{} ({} classes), {} ONNX Runtime threads each, {} frame "
                        + "workers, faces detected on 1 frame in {}", properties.detector().resource(),
                descriptor.name(), descriptor.version(), descriptor.labels().size(), properties.threads(),
                properties.frameWorkers(), properties.detector().detectEvery());
        return recognizer;
    }

    static OnnxFacialExpressionRecognizer create(FaceRecognitionProperties properties) {
        FaceRecognitionProperties.Detector settings = properties.detector();
        ExpressionModelDescriptor descriptor = properties.expression().descriptor();
        BlazeFaceDetector detector = new BlazeFaceDetector(
                VerifiedModel.load(settings.resource(), settings.sha256(), properties.threads()),
                settings.minScore(), settings.iouThreshold());
        try {
            ExpressionClassifier classifier = new ExpressionClassifier(
                    VerifiedModel.load(descriptor.resource(), descriptor.sha256(), properties.threads()), descriptor);
            return new OnnxFacialExpressionRecognizer(detector, classifier, settings.cropMargin(),
                    settings.minConfidence(), properties.frameWorkers(), settings.tracking());
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }
}
