package org.eecs.application.port.out;

import java.util.UUID;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordType;

/** Where bulk exports are written: one file per kind of record, written one record at a time. */
public interface BulkExportFiles {

    /** A new, empty file of this job for records of this kind. */
    ExportFile create(UUID job, RecordType type);

    /** Deletes every file of the job, if there are any. */
    void deleteAll(UUID job);

    interface ExportFile extends AutoCloseable {

        String name();

        void write(CareRecord record);

        long records();

        @Override
        void close();
    }
}
