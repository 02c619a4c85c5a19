package org.eecs.application.port.export;

import java.io.OutputStream;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * One file format of audit exports: how records become the content of an export file. The store of export files
 * owns the bytes (compression, counting, SHA-256); a format only writes onto them. Each format comes from the
 * adapter that speaks it: NDJSON and CSV from the export files themselves, the FHIR Bundle from the FHIR adapter,
 * which alone knows FHIR's resources.
 */
public interface AuditRecordFormat {

    ExportFormat format();

    /** Starts a file's content on {@code content}, which the caller closes. */
    RecordWriter start(OutputStream content);

    /** Writes one file, record by record, as they come: nothing is held but a buffer. */
    interface RecordWriter {

        void event(ChainedAuditEvent event);

        /** A line of a session's interaction log; only formats that can hold one take it. */
        void record(InteractionRecord record);

        /** Writes what ends the file and flushes it onto the content stream. */
        void end();
    }
}
