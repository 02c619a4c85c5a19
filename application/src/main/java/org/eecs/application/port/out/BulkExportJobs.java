package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.export.BulkExportJob.ExportedFile;

/** Bulk exports of care records among the exports ({@link ExportJobs} runs them): what each asked for and wrote. */
public interface BulkExportJobs {

    void add(BulkExportJob job);

    /** The bulk export with this id; empty when there is none (or the export of that id is of another kind). */
    Optional<BulkExportJob> find(UUID id);

    /**
     * Finishes a running export with the files it wrote, {@code written} records in all, if {@code worker} still
     * holds it; false when it does not (cancelled, or taken over after its lease ran out).
     */
    boolean complete(UUID id, String worker, List<ExportedFile> files, long written, Instant finishedAt,
                     Instant expiresAt);
}
