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
import java.util.Date;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.hl7.fhir.r4.model.InstantType;
import org.springframework.stereotype.Component;

/**
 * Audit exports as one FHIR R4 Bundle of type collection: an entry per event, each an AuditEvent as the FHIR server
 * serves it ({@link FhirAuditEvents}). The Bundle is written as the events come, entry by entry (one line each),
 * so memory does not grow with the export; each resource is encoded to a string first, since HAPI's writer
 * flushes its target after every decimal.
 */
@Component
class AuditEventBundleFormat implements AuditRecordFormat {

    /** Where an entry's resource is known to be, beside its id: the event's sequence number. */
    static final String FULL_URL_PREFIX = "urn:eecs:audit-event:";
    private static final int BUFFER = 64 * 1024;

    private final FhirContext fhir;

    AuditEventBundleFormat(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.FHIR_BUNDLE;
    }

    @Override
    public RecordWriter start(OutputStream content) {
        return new BundleWriter(new BufferedWriter(new OutputStreamWriter(content, StandardCharsets.UTF_8), BUFFER),
                fhir.newJsonParser().setPrettyPrint(false));
    }

    private static final class BundleWriter implements RecordWriter {

        private final Writer out;
        private final IParser parser;
        private boolean first = true;

        BundleWriter(Writer out, IParser parser) {
            this.out = out;
            this.parser = parser;
            write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\""
                    + new InstantType(new Date()).getValueAsString() + "\",\"entry\":[\n");
        }

        @Override
        public void event(ChainedAuditEvent event) {
            write((first ? "" : ",\n") + "{\"fullUrl\":\"" + FULL_URL_PREFIX + event.sequence() + "\",\"resource\":"
                    + parser.encodeResourceToString(FhirAuditEvents.of(event)) + "}");
            first = false;
        }

        @Override
        public void record(InteractionRecord record) {
            throw new IllegalStateException("an interaction log is written as NDJSON only");
        }

        @Override
        public void end() {
            write("\n]}\n");
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(String text) {
            try {
                out.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the FHIR Bundle", e);
            }
        }
    }
}
