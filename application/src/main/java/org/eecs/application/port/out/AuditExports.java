package org.eecs.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportManifest;

/**
 * The exports auditors asked for among the exports ({@link ExportJobs} runs them): what each holds, its progress
 * and its manifest, where every instance sees them, so that any instance answers a status request.
 */
public interface AuditExports {

    void add(AuditExport export);

    /** The audit export with this id; empty when there is none (or the export of that id is of another kind). */
    Optional<AuditExport> find(UUID id);

    /**
     * Finishes a running export with its manifest, if {@code worker} still holds it; {@code expiresAt} null keeps
     * it (a month archive). False when it does not (cancelled, or taken over after its lease ran out).
     */
    boolean complete(UUID id, String worker, ExportManifest manifest, Instant at, Instant expiresAt);
}
