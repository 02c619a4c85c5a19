package org.eecs.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportManifest;

/**
 * The exports asked for and their progress, kept where every instance sees them: any instance answers a status
 * request, and any instance may write a queued export.
 */
public interface AuditExports {

    void add(AuditExport export);

    Optional<AuditExport> find(UUID id);

    /**
     * Claims the oldest export waiting to be written, or one whose writer last reported progress before
     * {@code staleBefore} (its instance stopped), and marks it RUNNING; two instances never claim the same one.
     */
    Optional<AuditExport> claimNext(Instant now, Instant staleBefore);

    /** Records how many records are written so far; also the writer's sign of life. */
    void progress(UUID id, long written, Instant at);

    void complete(UUID id, ExportManifest manifest, Instant at, Instant expiresAt);

    void fail(UUID id, String reason, Instant at, Instant expiresAt);

    /** Finished exports (complete or failed) whose expiry has passed. */
    List<AuditExport> expiredBy(Instant now);

    void remove(UUID id);
}
