package org.eecs.application.port.in;

import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.out.ExportFiles.StoredFile;
import org.eecs.domain.session.CareSessionId;

/**
 * An auditor exports audit events, or a session's interaction log for an investigation. An export is written in
 * the background and reports its progress; each comes with a manifest for checking it offline. Every request and
 * every download is audited, an interaction log with the purpose stated for it.
 */
public interface ExportingAuditTrail {

    /** Queues an export of the events matching the filter, up to the newest event at the time of asking. */
    AuditExport exportEvents(Caller caller, AuditFilter filter, ExportFormat format, boolean gzip);

    /**
     * Queues the interaction log of one session (NDJSON): the session, its patient's consent versions, its turns,
     * and the audit events about it. Clinical content: refused without a stated purpose, which is audited.
     */
    AuditExport exportInteractionLog(Caller caller, CareSessionId session, String purpose, boolean gzip);

    /** The export's state and progress; {@link UnknownExport} when there is none. */
    AuditExport status(Caller caller, UUID export);

    /** The finished file, opened to the caller; refused (a {@link Conflict}) while it is being written. */
    StoredFile download(Caller caller, UUID export);

    /** The manifest of a finished export (JSON, the shape docs/audit.md describes). */
    StoredFile manifest(Caller caller, UUID export);

    final class UnknownExport extends NotFound {
        public UnknownExport(UUID export) {
            super("no export " + export);
        }
    }
}
