package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.eecs.application.port.out.BulkExportFiles;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bulk export files as FHIR NDJSON (one resource per line) in {@code eecs.fhir.export.directory}, a folder per
 * job. Each resource is encoded and written as it comes, through a small buffer. With several instances of the
 * server the folder must be one they share, so that any of them can serve any job's files.
 */
@Component
class NdjsonExportFiles implements BulkExportFiles {

    private final Path directory;
    private final FhirContext fhir;

    NdjsonExportFiles(@Value("${eecs.fhir.export.directory}") Path directory, FhirContext fhir) {
        this.directory = directory;
        this.fhir = fhir;
    }

    @Override
    public ExportFile create(UUID job, RecordType type) {
        try {
            Path folder = Files.createDirectories(folderOf(job));
            String name = type.entityType() + ".ndjson";
            return new NdjsonFile(name, Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8),
                    fhir.newJsonParser().setPrettyPrint(false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export files of job " + job, e);
        }
    }

    @Override
    public void deleteAll(UUID job) {
        Path folder = folderOf(job);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the export files of job " + job, e);
        }
    }

    /** The file, for reading; null unless it exists. */
    Path file(UUID job, String name) {
        Path file = folderOf(job).resolve(name).normalize();
        return file.getParent().equals(folderOf(job)) && Files.isRegularFile(file) ? file : null;
    }

    private Path folderOf(UUID job) {
        return directory.resolve(job.toString()).toAbsolutePath().normalize();
    }

    private static final class NdjsonFile implements ExportFile {

        private final String name;
        private final Writer out;
        private final IParser parser;
        private long records;

        NdjsonFile(String name, BufferedWriter out, IParser parser) {
            this.name = name;
            this.out = out;
            this.parser = parser;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void write(CareRecord record) {
            try {
                // to a string first: HAPI's writer flushes its target after every decimal, which on a file is a
                // system call each time
                out.write(parser.encodeResourceToString(FhirResources.of(record)));
                out.write('\n');
                records++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the export file " + name, e);
            }
        }

        @Override
        public long records() {
            return records;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the export file " + name, e);
            }
        }
    }
}
