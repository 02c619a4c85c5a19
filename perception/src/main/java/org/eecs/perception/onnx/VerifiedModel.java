package org.eecs.perception.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An ONNX model shipped on the classpath, loaded once after its SHA-256 has been checked against the one its
 * provenance states: a model swapped or corrupted on disk is refused, never silently run. The session is
 * thread-safe (ONNX Runtime allows concurrent {@code run} calls) and lives as long as this object.
 */
public final class VerifiedModel implements AutoCloseable {

    /**
     * ONNX Runtime 1.29 collects telemetry when it starts and loads a model, matching recursive regular expressions
     * against the process's command line; a long command line (a long class path: IDE launches, JMH forks,
     * {@code exec:exec}) overflows an ordinary thread stack and kills the JVM with SIGSEGV and no crash report.
     * The environment and every session are therefore created on a thread with room for that (reserved, not
     * committed, memory); running a session afterwards needs no such room.
     */
    private static final long LOADING_STACK_BYTES = 256L << 20;

    private final String name;
    private final OrtSession session;

    private VerifiedModel(String name, OrtSession session) {
        this.name = name;
        this.session = session;
    }

    /**
     * @param resource      the model's classpath resource, e.g. "/models/silero-vad-v5.onnx"
     * @param sha256        the lower-case hex SHA-256 its provenance states
     * @param intraOpThreads threads for one inference (ONNX Runtime's intra-op pool)
     */
    public static VerifiedModel load(String resource, String sha256, int intraOpThreads) {
        byte[] bytes = read(resource);
        String actual = sha256Of(bytes);
        if (!actual.equals(Objects.requireNonNull(sha256, "sha256"))) {
            throw new IllegalStateException("model " + resource + " has SHA-256 " + actual + ", expected " + sha256
                    + ": refusing to run a model other than the one shipped");
        }
        OrtSession session = onALargeStack(() -> {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            return OrtEnvironment.getEnvironment().createSession(bytes, options);
        }, resource);
        return new VerifiedModel(resource, session);
    }

    public OrtSession session() {
        return session;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close " + name, e);
        }
    }

    private static OrtSession onALargeStack(Loading loading, String resource) {
        OrtSession[] session = new OrtSession[1];
        Exception[] failure = new Exception[1];
        Thread loader = new Thread(null, () -> {
            try {
                session[0] = loading.load();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "onnx-model-loading", LOADING_STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + resource, e);
        }
        if (session[0] == null) {
            String reason = failure[0] == null ? "see the log" : failure[0].getMessage();
            throw new IllegalStateException("ONNX Runtime could not load " + resource + ": " + reason, failure[0]);
        }
        return session[0];
    }

    private interface Loading {
        OrtSession load() throws OrtException;
    }

    static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = VerifiedModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read model " + resource, e);
        }
    }
}
