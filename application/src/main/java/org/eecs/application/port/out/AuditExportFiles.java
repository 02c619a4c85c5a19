package org.eecs.application.port.out;

import java.util.Optional;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.export.InteractionRecord;
import org.eecs.domain.audit.ChainedAuditEvent;

/** An audit export's file, in its format, and its manifest beside it, among the export files. */
public interface AuditExportFiles extends ExportFiles {

    /** Starts the export's file afresh (a partial file from an earlier attempt is replaced). */
    Writer create(AuditExport export);

    /** Writes the manifest beside the file. */
    void writeManifest(ExportManifest manifest);

    /** The finished file, to be read from the start; empty when it is gone. */
    Optional<StoredFile> find(AuditExport export);

    /** The manifest of a finished export, as written beside its file; empty when it is gone. */
    Optional<StoredFile> manifest(AuditExport export);

    /** Writes one file, record by record, as they come: nothing is held but a buffer. */
    interface Writer extends AutoCloseable {

        void event(ChainedAuditEvent event);

        void record(InteractionRecord record);

        /** Ends the file and tells its size and SHA-256. */
        WrittenFile finish();

        /** Abandons an unfinished file (its partial content is removed); does nothing after {@link #finish}. */
        @Override
        void close();
    }
}
