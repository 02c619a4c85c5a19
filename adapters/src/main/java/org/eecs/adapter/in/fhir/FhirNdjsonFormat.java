package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.eecs.application.port.export.CareRecordFormat;
import org.eecs.application.port.records.CareRecord;
import org.springframework.stereotype.Component;

/**
 * Bulk export files as FHIR NDJSON: one resource per line, each encoded and written as it comes, through a small
 * buffer, onto the file the export files' store keeps.
 */
@Component
class FhirNdjsonFormat implements CareRecordFormat {

    private static final int BUFFER = 64 * 1024;

    private final FhirContext fhir;

    FhirNdjsonFormat(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public String extension() {
        return ".ndjson";
    }

    @Override
    public RecordWriter start(OutputStream content) {
        return new Lines(new BufferedWriter(new OutputStreamWriter(content, StandardCharsets.UTF_8), BUFFER),
                fhir.newJsonParser().setPrettyPrint(false));
    }

    private record Lines(Writer out, IParser parser) implements RecordWriter {

        @Override
        public void write(CareRecord record) {
            try {
                // to a string first: HAPI's writer flushes its target after every decimal, which on a file is a
                // system call each time
                out.write(parser.encodeResourceToString(FhirResources.of(record)));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a bulk export file", e);
            }
        }

        @Override
        public void end() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish a bulk export file", e);
            }
        }
    }
}
