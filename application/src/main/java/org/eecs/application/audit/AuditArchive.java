package org.eecs.application.audit;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.ArchivingAuditMonths;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.out.AuditExports;
import org.eecs.application.port.out.AuditTrailPartitions;
import org.eecs.application.port.out.AuditTrailPartitions.StoredMonth;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;

/**
 * Queues the archive of old months (the export writer archives and detaches them, see {@link AuditExportWriting})
 * and keeps partitions ready ahead of time. Months are in UTC.
 */
public final class AuditArchive implements ArchivingAuditMonths {

    /** This month and the next two always have partitions. */
    static final int MONTHS_AHEAD = 3;

    private final AuditTrailPartitions partitions;
    private final AuditExports exports;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public AuditArchive(AuditTrailPartitions partitions, AuditExports exports, CareRecordAccess access,
                        Transactions transactions, Clock clock) {
        this.partitions = partitions;
        this.exports = exports;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public AuditExport archive(Caller caller, YearMonth month) {
        UUID id = UUID.randomUUID();
        EntityRef entity = new EntityRef("AuditArchive", month + "/" + id);
        access.requireRole(caller, Role.AUDITOR, AuditAction.EXECUTE, entity);
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (!month.isBefore(now)) {
            throw new Conflict("month-not-ended", "only a month that has ended can be archived; " + month
                    + " has not");
        }
        List<StoredMonth> held = partitions.months().stream().filter(m -> m.events() > 0).toList();
        StoredMonth oldest = held.stream().findFirst().orElseThrow(() -> new Conflict("nothing-to-archive",
                "no month of the trail holds events"));
        if (!oldest.month().equals(month)) {
            throw new Conflict("not-the-oldest-month", "months are archived oldest first: the oldest month in "
                    + "the trail is " + oldest.month() + ", not " + month);
        }
        return transactions.inOne(() -> {
            access.record(caller, AuditAction.EXECUTE, entity, null);
            AuditExport export = new AuditExport(id, ExportKind.MONTH_ARCHIVE, ExportFormat.NDJSON, true,
                    AuditFilter.all().withSequences(oldest.firstSequence(), oldest.lastSequence()), null, month,
                    caller.purpose(), caller.actor(), clock.instant(), ExportState.QUEUED, 0, null, null, null,
                    null);
            exports.add(export);
            return export;
        });
    }

    @Override
    public Overview overview(Caller caller) {
        EntityRef entity = new EntityRef("AuditArchive", "overview");
        access.requireRole(caller, Role.AUDITOR, AuditAction.READ, entity);
        return new Overview(partitions.months(), partitions.anchors());
    }

    @Override
    public void prepareMonthsAhead() {
        transactions.inOne(() -> {
            partitions.prepare(YearMonth.now(clock.withZone(ZoneOffset.UTC)), MONTHS_AHEAD);
            return null;
        });
    }
}
