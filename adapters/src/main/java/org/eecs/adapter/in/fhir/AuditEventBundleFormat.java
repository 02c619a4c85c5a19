package org.eecs.adapter.in.fhir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.eecs.adapter.text.Utf8Out;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.hl7.fhir.r4.model.InstantType;
import org.springframework.stereotype.Component;

/**
 * Audit exports as one FHIR R4 Bundle of type collection: an entry per event, each an AuditEvent as the FHIR server
 * serves it ({@link FhirAuditEvents}). The Bundle is written as the events come, entry by entry (one line each),
 * so memory does not grow with the export; each entry's JSON is written straight as bytes ({@link AuditEventJson},
 * the same JSON HAPI encodes, without building HAPI's object model for each of a million events).
 */
@Component
class AuditEventBundleFormat implements AuditRecordFormat {

    /** Where an entry's resource is known to be, beside its id: the event's sequence number. */
    static final String FULL_URL_PREFIX = "urn:eecs:audit-event:";
    private static final byte[] FIRST_ENTRY = ("{\"fullUrl\":\"" + FULL_URL_PREFIX).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_ENTRY = (",\n{\"fullUrl\":\"" + FULL_URL_PREFIX).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE = "\",\"resource\":".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ExportFormat format() {
        return ExportFormat.FHIR_BUNDLE;
    }

    @Override
    public RecordWriter start(OutputStream content) {
        return new BundleWriter(new Utf8Out(content));
    }

    private static final class BundleWriter implements RecordWriter {

        private final Utf8Out out;
        private boolean first = true;

        BundleWriter(Utf8Out out) {
            this.out = out;
            out.ascii("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\"")
                    .ascii(new InstantType(new Date()).getValueAsString()).ascii("\",\"entry\":[\n");
        }

        @Override
        public void event(ChainedAuditEvent event) {
            out.raw(first ? FIRST_ENTRY : NEXT_ENTRY).number(event.sequence()).raw(RESOURCE);
            AuditEventJson.write(out, event);
            out.ascii('}');
            first = false;
        }

        @Override
        public void record(InteractionRecord record) {
            throw new IllegalStateException("an interaction log is written as NDJSON only");
        }

        @Override
        public void end() {
            out.ascii("\n]}\n").flush();
        }
    }
}
