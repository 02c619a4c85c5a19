package org.eecs.application.port.export;

import java.time.Instant;
import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.domain.audit.ChainVerification;

/**
 * What an export holds, for checking it later without the database (the command in docs/audit.md does): the file's
 * SHA-256 and size, how many records and audit events it holds, the first and last audit event's sequence number and
 * chain hash, the hash the first one links to, and what the exporter found when it checked the chain on the way.
 *
 * @param records     lines of data in the file (NDJSON objects, or CSV rows after the header)
 * @param events      audit events among them (all of them, for an export of audit events)
 * @param linksChecked true when the events are one unbroken stretch of the chain (no criterion but times and
 *                    sequence numbers), so that each one's link to the one before was checked too; otherwise only
 *                    each event's own hash was
 * @param chain       the exporter's verdict; for a stretch of the chain it also covers the link to the anchor
 */
public record ExportManifest(UUID export, ExportKind kind, ExportFormat format, boolean gzip, String fileName,
                             long bytes, String sha256, long records, long events, Long firstSequence,
                             Long lastSequence, String anchorHash, String firstHash, String lastHash,
                             boolean linksChecked, ChainVerification chain, AuditFilter filter, String session,
                             String purpose, Instant completedAt) {

    /** The format version of the manifest itself. */
    public static final String VERSION = "eecs-audit-export-manifest/v1";
}
