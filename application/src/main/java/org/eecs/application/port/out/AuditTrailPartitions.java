package org.eecs.application.port.out;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail's months as the store keeps them: one partition a month (UTC, by when each event was recorded),
 * each holding one unbroken stretch of the chain. An old month can be taken out once archived; what remains of it
 * is its anchor, the hash the rest of the chain links to.
 */
public interface AuditTrailPartitions {

    /** Makes sure these months have partitions of their own, so that no event lands outside one. */
    void prepare(YearMonth first, int months);

    /** The months still in the trail, oldest first, with the stretch of the chain each holds. */
    List<StoredMonth> months();

    /** Records the anchor and takes its month out of the trail, in one unit of work. */
    void detach(ArchiveAnchor anchor);

    /** The archived months, oldest first. */
    List<ArchiveAnchor> anchors();

    record StoredMonth(YearMonth month, String partition, long events, Long firstSequence, Long lastSequence) {
    }

    /**
     * An archived month: its stretch of the chain, the hash of its last event, and the export (with its file's
     * SHA-256) that holds it.
     */
    record ArchiveAnchor(YearMonth month, long firstSequence, long lastSequence, long events, String lastHash,
                         UUID export, String sha256, String partition, Instant archivedAt) {
    }
}
