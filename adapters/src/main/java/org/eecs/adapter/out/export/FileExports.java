package org.eecs.adapter.out.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.CareRecordFormat;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.application.port.out.BulkExportFiles;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one store of export files, of every kind of export: a folder per export in {@code eecs.exports.directory},
 * named by its id, deleted whole when the export expires, is cancelled or is written afresh. Files are written as
 * ".part" and take their name only when finished ({@link ExportStream}). A bulk export's folder holds a file per kind
 * of record ({@code Patient.ndjson}...); an audit export's its file ({@code <id>.ndjson[.gz]}, {@code .csv},
 * {@code .json}) and the manifest beside it ({@code <id>.manifest.json}). Names come from ids and kinds we made,
 * never from a request. Each file's content is written by its format, from whichever adapter speaks it. With
 * several instances of the server the directory must be storage they all share.
 */
@Component
class FileExports implements AuditExportFiles, BulkExportFiles {

    private final Path directory;
    private final Map<ExportFormat, AuditRecordFormat> formats = new EnumMap<>(ExportFormat.class);
    private final CareRecordFormat careRecords;

    FileExports(@Value("${eecs.exports.directory}") Path directory, List<AuditRecordFormat> formats,
                CareRecordFormat careRecords) {
        this.directory = directory.toAbsolutePath().normalize();
        formats.forEach(format -> this.formats.put(format.format(), format));
        Set<ExportFormat> missing = EnumSet.allOf(ExportFormat.class);
        missing.removeAll(this.formats.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no writer for the export formats " + missing);
        }
        this.careRecords = careRecords;
    }

    @Override
    public Writer create(AuditExport export) {
        ExportStream stream = new ExportStream(folderOf(export.id()).resolve(export.fileName()), export.gzip());
        try {
            return new FormattedFile(stream, formats.get(export.format()).start(stream.content()));
        } catch (RuntimeException e) {
            stream.abandon();
            throw e;
        }
    }

    @Override
    public ExportFile create(UUID export, RecordType type) {
        String name = type.entityType() + careRecords.extension();
        ExportStream stream = new ExportStream(folderOf(export).resolve(name), false);
        try {
            return new RecordFile(name, stream, careRecords.start(stream.content()));
        } catch (RuntimeException e) {
            stream.abandon();
            throw e;
        }
    }

    @Override
    public void writeManifest(ExportManifest manifest) {
        Path file = manifestOf(manifest.export());
        try {
            Files.createDirectories(file.getParent());
            Path part = file.resolveSibling(file.getFileName() + ".part");
            Files.write(part, ManifestJson.write(manifest));
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of export " + manifest.export(), e);
        }
    }

    @Override
    public Optional<StoredFile> find(AuditExport export) {
        return find(export.id(), export.fileName());
    }

    @Override
    public Optional<StoredFile> manifest(AuditExport export) {
        return stored(manifestOf(export.id()));
    }

    @Override
    public Optional<StoredFile> find(UUID export, String name) {
        Path folder = folderOf(export);
        Path file = folder.resolve(name).normalize();
        return file.getParent().equals(folder) ? stored(file) : Optional.empty();
    }

    @Override
    public void deleteAll(UUID export) {
        Path folder = folderOf(export);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the files of export " + export, e);
        }
    }

    private Path folderOf(UUID export) {
        return directory.resolve(export.toString());
    }

    private Path manifestOf(UUID export) {
        return folderOf(export).resolve(export + ".manifest.json");
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

    /** An audit export's file on its way: its format writes the records, its stream compresses, counts, hashes. */
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

    /** A bulk export's file of one kind of record on its way. */
    private static final class RecordFile implements ExportFile {

        private final String name;
        private final ExportStream stream;
        private final CareRecordFormat.RecordWriter writer;
        private long records;

        RecordFile(String name, ExportStream stream, CareRecordFormat.RecordWriter writer) {
            this.name = name;
            this.stream = stream;
            this.writer = writer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void write(CareRecord record) {
            writer.write(record);
            records++;
        }

        @Override
        public long records() {
            return records;
        }

        @Override
        public void finish() {
            writer.end();
            stream.finish();
        }

        @Override
        public void close() {
            stream.abandon();
        }
    }
}
