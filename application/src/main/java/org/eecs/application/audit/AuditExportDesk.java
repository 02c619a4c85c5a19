package org.eecs.application.audit;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ExportingAuditTrail;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.port.out.AuditExports;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.application.port.out.ExportFiles.StoredFile;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;

/**
 * Takes auditors' export requests, reports their progress and hands out the finished files. A request is audited
 * in the transaction that queues it, and the export is bounded by that very audit event: it holds the events up to
 * the moment it was asked for, its own request included, and never grows while it is written.
 */
public final class AuditExportDesk implements ExportingAuditTrail {

    private final AuditExports exports;
    private final AuditExportFiles files;
    private final AuditTrail auditTrail;
    private final CareSessions sessions;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public AuditExportDesk(AuditExports exports, AuditExportFiles files, AuditTrail auditTrail, CareSessions sessions,
                           CareRecordAccess access, Transactions transactions, Clock clock) {
        this.exports = exports;
        this.files = files;
        this.auditTrail = auditTrail;
        this.sessions = sessions;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public AuditExport exportEvents(Caller caller, AuditFilter filter, ExportFormat format, boolean gzip) {
        UUID id = UUID.randomUUID();
        EntityRef entity = new EntityRef("AuditExport", id.toString());
        access.requireRole(caller, Role.AUDITOR, AuditAction.EXECUTE, entity);
        return transactions.inOne(() -> {
            long asked = auditTrail.append(caller.audit(AuditAction.EXECUTE, entity, filter.patient(),
                    AuditOutcome.SUCCESS, clock.instant())).sequence();
            AuditExport export = new AuditExport(id, ExportKind.AUDIT_EVENTS, format, gzip,
                    boundedBy(filter, asked), null, null, caller.purpose(), caller.actor(), clock.instant(),
                    ExportState.QUEUED, 0, null, null, null, null);
            exports.add(export);
            return export;
        });
    }

    @Override
    public AuditExport exportInteractionLog(Caller caller, CareSessionId session, String purpose, boolean gzip) {
        EntityRef entity = new EntityRef("InteractionLog", session.toString());
        access.requireRole(caller, Role.AUDITOR, AuditAction.READ, entity);
        String stated = purpose == null ? "" : purpose.strip();
        if (stated.isEmpty() || stated.length() > AuditEvent.MAX_PURPOSE_LENGTH) {
            throw new InvalidRequest("an interaction log holds clinical content: state the purpose of the "
                    + "investigation (1 to " + AuditEvent.MAX_PURPOSE_LENGTH + " characters)");
        }
        Caller investigating = new Caller(caller.actor(), caller.sourceAddress(), caller.requestId(), stated);
        Optional<CareSession> found = sessions.find(session);
        if (found.isEmpty()) {
            access.missing(investigating, AuditAction.READ, entity);
            throw new UnknownCareSession(session);
        }
        return transactions.inOne(() -> {
            long asked = auditTrail.append(investigating.audit(AuditAction.READ, entity, found.get().patient(),
                    AuditOutcome.SUCCESS, clock.instant())).sequence();
            AuditFilter aboutTheSession = AuditFilter.all().withEntity(null, session.toString());
            AuditExport export = new AuditExport(UUID.randomUUID(), ExportKind.INTERACTION_LOG,
                    ExportFormat.NDJSON, gzip, boundedBy(aboutTheSession, asked), session, null, stated, caller.actor(),
                    clock.instant(), ExportState.QUEUED, 0, null, null, null, null);
            exports.add(export);
            return export;
        });
    }

    @Override
    public AuditExport status(Caller caller, UUID export) {
        access.requireRole(caller, Role.AUDITOR, AuditAction.READ, new EntityRef("AuditExport", export.toString()));
        return exports.find(export).orElseThrow(() -> new UnknownExport(export));
    }

    @Override
    public StoredFile manifest(Caller caller, UUID id) {
        access.requireRole(caller, Role.AUDITOR, AuditAction.READ, new EntityRef("AuditExport", id.toString()));
        return files.manifest(finished(id)).orElseThrow(() -> new UnknownExport(id));
    }

    @Override
    public StoredFile download(Caller caller, UUID id) {
        EntityRef entity = new EntityRef("AuditExport", id.toString());
        access.requireRole(caller, Role.AUDITOR, AuditAction.READ, entity);
        AuditExport export = finished(id);
        StoredFile file = files.find(export).orElseThrow(() -> new UnknownExport(id));
        PatientId patient = export.session() == null ? export.filter().patient()
                : sessions.find(export.session()).map(CareSession::patient).orElse(null);
        Caller downloading = export.purpose() == null ? caller
                : new Caller(caller.actor(), caller.sourceAddress(), caller.requestId(), export.purpose());
        transactions.inOne(() -> {
            access.record(downloading, AuditAction.READ, entity, patient);
            return null;
        });
        return file;
    }

    private AuditExport finished(UUID id) {
        AuditExport export = exports.find(id).orElseThrow(() -> new UnknownExport(id));
        if (export.state() != ExportState.COMPLETED) {
            throw new Conflict("export-not-ready", "export " + id + " is " + export.state()
                    + (export.state() == ExportState.FAILED ? ": " + export.failure() : "; ask its status"));
        }
        return export;
    }

    private static AuditFilter boundedBy(AuditFilter filter, long asked) {
        long last = filter.toSequence() == null ? asked : Math.min(filter.toSequence(), asked);
        return filter.withSequences(filter.fromSequence(), last);
    }
}
