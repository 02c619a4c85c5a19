package org.eecs.application.fakes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * Export files as lines of text in memory: "event <sequence> <hash>" for an audit event, the record's kind for
 * the other lines of an interaction log.
 */
public final class InMemoryAuditExportFiles implements AuditExportFiles {

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, ExportManifest> manifests = new LinkedHashMap<>();

    @Override
    public Writer create(AuditExport export) {
        StringBuilder content = new StringBuilder();
        return new Writer() {
            private boolean finished;

            @Override
            public void event(ChainedAuditEvent event) {
                content.append("event ").append(event.sequence()).append(' ').append(event.hash()).append('\n');
            }

            @Override
            public void record(InteractionRecord record) {
                if (record instanceof InteractionRecord.Audited audited) {
                    event(audited.event());
                } else {
                    content.append(record.getClass().getSimpleName()).append('\n');
                }
            }

            @Override
            public WrittenFile finish() {
                byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
                files.put(export.fileName(), bytes);
                finished = true;
                return new WrittenFile(bytes.length, sha256(bytes));
            }

            @Override
            public void close() {
                if (!finished) {
                    files.remove(export.fileName());
                }
            }
        };
    }

    @Override
    public void writeManifest(ExportManifest manifest) {
        manifests.put(manifest.fileName(), manifest);
    }

    @Override
    public Optional<StoredFile> find(AuditExport export) {
        return Optional.ofNullable(files.get(export.fileName())).map(InMemoryAuditExportFiles::stored);
    }

    @Override
    public Optional<StoredFile> manifest(AuditExport export) {
        return Optional.ofNullable(manifests.get(export.fileName()))
                .map(m -> stored(m.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<StoredFile> find(UUID export, String name) {
        return Optional.ofNullable(files.get(name)).filter(file -> name.startsWith(export.toString()))
                .map(InMemoryAuditExportFiles::stored);
    }

    @Override
    public void deleteAll(UUID export) {
        files.keySet().removeIf(name -> name.startsWith(export.toString()));
        manifests.keySet().removeIf(name -> name.startsWith(export.toString()));
    }

    /** The lines of a written file. */
    public List<String> lines(AuditExport export) {
        return new String(files.get(export.fileName()), StandardCharsets.UTF_8).lines().toList();
    }

    public boolean holds(AuditExport export) {
        return files.containsKey(export.fileName());
    }

    private static StoredFile stored(byte[] bytes) {
        return new StoredFile() {
            @Override
            public long bytes() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
