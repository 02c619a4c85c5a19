package org.eecs.adapter.out.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.out.AuditExportFiles;
import org.springframework.stereotype.Component;

/**
 * Export files in one directory, named by the export's id: {@code <id>.ndjson[.gz]} or {@code <id>.csv[.gz]}, and
 * the manifest beside it, {@code <id>.manifest.json}. Names come from ids we made, never from a request.
 */
@Component
class FileExports implements AuditExportFiles {

    private final Path directory;

    FileExports(ExportProperties properties) {
        this.directory = properties.directory().toAbsolutePath().normalize();
    }

    @Override
    public Writer create(AuditExport export) {
        ExportStream stream = new ExportStream(directory.resolve(export.fileName()), export.gzip());
        return export.format() == ExportFormat.CSV ? new CsvWriter(stream) : new NdjsonWriter(stream);
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
}
