package org.eecs.adapter.out.export;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.eecs.application.port.out.ExportFiles.WrittenFile;

/**
 * The bytes of one export file on their way to disk: optionally gzipped, counted and hashed (SHA-256 of the file
 * as stored) as they pass, into a ".part" file of its own that becomes the export file only when it is finished.
 */
final class ExportStream {

    private static final int BUFFER = 64 * 1024;
    /**
     * Fastest compression: for an export of events it costs a fraction of level 6's time for files some 10 % larger
     * (docs/benchmarks.md, issue 10), and the compressing thread would otherwise bound the export.
     */
    static final int GZIP_LEVEL = Deflater.BEST_SPEED;

    private final Path part;
    private final Path target;
    private final Counted counted;
    private final OutputStream content;
    private boolean finished;

    ExportStream(Path target, boolean gzip) {
        this.target = target;
        // a name of its own: a writer whose export was taken over must never finish the new writer's file as its own
        this.part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(target.getParent());
            counted = new Counted(new BufferedOutputStream(Files.newOutputStream(part), BUFFER));
            content = gzip ? new GZIPOutputStream(counted, BUFFER) {
                {
                    def.setLevel(GZIP_LEVEL);
                }
            } : counted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write export file " + part, e);
        }
    }

    /** Where the format writes its content (before compression). */
    OutputStream content() {
        return content;
    }

    WrittenFile finish() {
        try {
            content.close();
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return new WrittenFile(counted.bytes, HexFormat.of().formatHex(counted.digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish export file " + target, e);
        }
    }

    void abandon() {
        if (finished) {
            return;
        }
        try {
            content.close();
        } catch (IOException | RuntimeException ignored) {
            // the partial file goes anyway
        }
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove partial export file " + part, e);
        }
    }

    /** Counts and hashes the bytes that reach the file. */
    private static final class Counted extends FilterOutputStream {
        private final MessageDigest digest;
        private long bytes;

        Counted(OutputStream out) {
            super(out);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            bytes += len;
        }
    }
}
