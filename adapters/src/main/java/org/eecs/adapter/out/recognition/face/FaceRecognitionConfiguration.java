package org.eecs.adapter.out.recognition.face;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;
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
    private static final long ORT_START_STACK_BYTES = 16L << 20;

    @Bean
    RecognizeFacialExpression recognizeFacialExpression(FaceRecognitionProperties properties) {
        OnnxFacialExpressionRecognizer recognizer = create(properties);
        ExpressionModelDescriptor descriptor = properties.expression().descriptor();
        log.info("Facial expression recognition: {} and {}@{} ({} classes), {} ONNX Runtime threads each, {} frame "
                        + "workers", properties.detector().resource(), descriptor.name(), descriptor.version(),
                descriptor.labels().size(), properties.threads(), properties.frameWorkers());
        return recognizer;
    }

    static OnnxFacialExpressionRecognizer create(FaceRecognitionProperties properties) {
        startOnnxRuntime();
        FaceRecognitionProperties.Detector settings = properties.detector();
        ExpressionModelDescriptor descriptor = properties.expression().descriptor();
        BlazeFaceDetector detector = new BlazeFaceDetector(
                VerifiedModel.load(settings.resource(), settings.sha256(), properties.threads()),
                settings.minScore(), settings.iouThreshold());
        try {
            ExpressionClassifier classifier = new ExpressionClassifier(
                    VerifiedModel.load(descriptor.resource(), descriptor.sha256(), properties.threads()), descriptor);
            return new OnnxFacialExpressionRecognizer(detector, classifier, settings.cropMargin(),
                    settings.minConfidence(), properties.frameWorkers());
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    /**
     * Loads ONNX Runtime's native library and creates its environment on a thread with a 16 MB stack. On this
     * module's classpath, doing so on a thread with the JVM's default 1 MB stack (a launcher's main thread, JMH's
     * benchmark thread) crashed the JVM with SIGSEGV (8 MB was enough); once the environment exists, sessions are
     * created and run on ordinary threads without trouble. Idempotent: the environment is a process singleton.
     */
    static void startOnnxRuntime() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(null, () -> {
            try {
                OrtEnvironment.getEnvironment();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "onnxruntime-start", ORT_START_STACK_BYTES);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting ONNX Runtime", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("ONNX Runtime could not start: " + failure.get(), failure.get());
        }
    }
}
