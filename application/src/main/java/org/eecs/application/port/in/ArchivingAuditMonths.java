package org.eecs.application.port.in;

import java.time.YearMonth;
import java.util.List;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.out.AuditTrailPartitions.ArchiveAnchor;
import org.eecs.application.port.out.AuditTrailPartitions.StoredMonth;

/**
 * Retention of the audit trail: an old month is exported (gzipped NDJSON with its manifest), its chain checked,
 * and only then its anchor recorded and the month taken out of the trail. Months go in order, oldest first, so
 * that what remains is always one unbroken stretch anchored on the last archived month.
 */
public interface ArchivingAuditMonths {

    /** Queues the archive of a month that has ended and is the oldest still in the trail. */
    AuditExport archive(Caller caller, YearMonth month);

    /** The months in the trail and those archived. */
    Overview overview(Caller caller);

    /** Makes partitions for this month and the next ones ahead; run daily and at start. */
    void prepareMonthsAhead();

    record Overview(List<StoredMonth> months, List<ArchiveAnchor> archived) {
        public Overview {
            months = List.copyOf(months);
            archived = List.copyOf(archived);
        }
    }
}
