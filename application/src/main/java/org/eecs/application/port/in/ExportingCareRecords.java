package org.eecs.application.port.in;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.out.ExportFiles.StoredFile;
import org.eecs.application.port.records.RecordType;

/**
 * The hospital's information system (role INTEGRATION) exports care records in bulk, asynchronously: it asks,
 * follows the job, and fetches the files; only the caller who asked may follow a job or fetch its files. Workers
 * of any instance run the jobs, as they run every export ({@link RunningExports}); files expire and are deleted.
 * The request is audited, and so is each patient whose records a job exported, per kind of record.
 */
public interface ExportingCareRecords {

    /** @param request the request as sent, for the manifest */
    BulkExportJob request(Caller caller, Set<RecordType> types, Instant since, String request);

    BulkExportJob status(Caller caller, UUID job);

    /** Stops the job if it still runs, and deletes its files. */
    void cancel(Caller caller, UUID job);

    /** A file of the caller's finished job, opened to them for fetching it; audited. */
    StoredFile file(Caller caller, UUID job, String name);

    /** The job is unknown, or not the caller's, or has expired. */
    class UnknownExportJob extends NotFound {
        public UnknownExportJob(UUID job) {
            super("no export job " + job);
        }
    }
}
