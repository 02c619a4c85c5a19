package org.eecs.application.port.export;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.session.CareSessionId;

/**
 * An export an auditor asked for (of kind {@link ExportKind#AUDIT_EVENTS}, {@link ExportKind#INTERACTION_LOG} or
 * {@link ExportKind#MONTH_ARCHIVE}), and how far it has got. It is written by whichever instance claims it; its
 * state and the count of records written so far are what the status URL reports.
 *
 * @param filter    the audit events it holds (for an interaction log, the audit events about the session); its
 *                  {@code toSequence} is fixed at the request, so the export does not grow while it runs
 * @param session   the session of an interaction log; null otherwise
 * @param month     the month a month archive holds; null otherwise
 * @param purpose   why it was asked for; required for an interaction log
 * @param written   records written so far
 * @param manifest  set once the export is complete
 */
public record AuditExport(UUID id, ExportKind kind, ExportFormat format, boolean gzip, AuditFilter filter,
                          CareSessionId session, YearMonth month, String purpose, Actor requestedBy,
                          Instant requestedAt, ExportState state, long written, Instant finishedAt, Instant expiresAt,
                          String failure, ExportManifest manifest) {

    public AuditExport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(state, "state");
        if (kind == ExportKind.CARE_RECORDS) {
            throw new IllegalArgumentException("an export of care records is a bulk export, not an audit export");
        }
        if (kind == ExportKind.INTERACTION_LOG && (session == null || format != ExportFormat.NDJSON)) {
            throw new IllegalArgumentException("an interaction log is an NDJSON export of one session");
        }
        if ((kind == ExportKind.MONTH_ARCHIVE) != (month != null)) {
            throw new IllegalArgumentException("a month archive, and only one, names its month");
        }
    }

    /** The name of its file, the same on every instance: the id and the format's extension. */
    public String fileName() {
        return fileName(id, format, gzip);
    }

    public static String fileName(UUID id, ExportFormat format, boolean gzip) {
        return id + format.extension() + (gzip ? ".gz" : "");
    }
}
