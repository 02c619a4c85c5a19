package org.eecs.adapter.out.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.springframework.stereotype.Component;

/**
 * Export files in one directory, named by the export's id: {@code <id>.ndjson[.gz]} or {@code <id>.csv[.gz]}, and
 * the manifest beside it, {@code <id>.manifest.json}. Names come from ids we made, never from a request. Each file
 * is written in its export's format, by whichever adapter speaks it.
 */
@Component
class FileExports implements AuditExportFiles {

    private final Path directory;
    private final Map<ExportFormat, AuditRecordFormat> formats = new EnumMap<>(ExportFormat.class);

    FileExports(ExportProperties properties, List<AuditRecordFormat> formats) {
        this.directory = properties.directory().toAbsolutePath().normalize();
        formats.forEach(format -> this.formats.put(format.format(), format));
        Set<ExportFormat> missing = EnumSet.allOf(ExportFormat.class);
        missing.removeAll(this.formats.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no writer for the export formats " + missing);
        }
    }

    @Override
    public Writer create(AuditExport export) {
        ExportStream stream = new ExportStream(directory.resolve(export.fileName()), export.gzip());
        try {
            return new FormattedFile(stream, formats.get(export.format()).start(stream.content()));
        } catch (RuntimeException e) {
            stream.abandon();
            throw e;
        }
    }

    @Override
    public void writeManifest(ExportManifest manifest) {
        try {
            Files.createDirectories(directory);
            Path part = manifestOf(manifest.export().toString()).resolveSibling(manifest.export() + ".manifest.part");
            Files.write(part, ManifestJson.write(manifest));
            Files.move(part, manifestOf(manifest.export().toString()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of export " + manifest.export(), e);
        }
    }

    @Override
    public Optional<StoredFile> find(AuditExport export) {
        return stored(directory.resolve(export.fileName()));
    }

    @Override
    public Optional<StoredFile> manifest(AuditExport export) {
        return stored(manifestOf(export.id().toString()));
    }

    @Override
    public void delete(AuditExport export) {
        try {
            Path file = directory.resolve(export.fileName());
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".part"));
            Files.deleteIfExists(manifestOf(export.id().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the files of export " + export.id(), e);
        }
    }

    private Path manifestOf(String id) {
        return directory.resolve(id + ".manifest.json");
    }

    private static Optional<StoredFile> stored(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long bytes = Files.size(file);
            return Optional.of(new StoredFile() {
                @Override
                public long bytes() {
                    return bytes;
                }

                @Override
                public InputStream open() {
                    try {
                        return Files.newInputStream(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read export file " + file.getFileName(), e);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read export file " + file.getFileName(), e);
        }
    }

    /** One file on its way: its format writes the records, its stream compresses, counts and hashes them. */
    private record FormattedFile(ExportStream stream, AuditRecordFormat.RecordWriter records) implements Writer {

        @Override
        public void event(ChainedAuditEvent event) {
            records.event(event);
        }

        @Override
        public void record(InteractionRecord record) {
            records.record(record);
        }

        @Override
        public WrittenFile finish() {
            records.end();
            return stream.finish();
        }

        @Override
        public void close() {
            stream.abandon();
        }
    }
}
