package org.eecs.application.port.out;

import java.util.UUID;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordType;

/** A bulk export's files, one per kind of record, written one record at a time, among the export files. */
public interface BulkExportFiles extends ExportFiles {

    /** A new, empty file of this export for records of this kind. */
    ExportFile create(UUID export, RecordType type);

    interface ExportFile extends AutoCloseable {

        String name();

        void write(CareRecord record);

        long records();

        /** Ends the file, which is only then there to be fetched. */
        void finish();

        /** Abandons an unfinished file (its partial content is removed); does nothing after {@link #finish}. */
        @Override
        void close();
    }
}
