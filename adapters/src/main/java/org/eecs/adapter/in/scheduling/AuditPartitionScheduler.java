package org.eecs.adapter.in.scheduling;

import org.eecs.application.port.in.ArchivingAuditMonths;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps monthly partitions of the audit trail ready ahead of time: at start, then every day. */
@Component
class AuditPartitionScheduler {

    private final ArchivingAuditMonths archives;

    AuditPartitionScheduler(ArchivingAuditMonths archives) {
        this.archives = archives;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        archives.prepareMonthsAhead();
    }

    @Scheduled(cron = "0 17 3 * * *", zone = "UTC")
    void daily() {
        archives.prepareMonthsAhead();
    }
}
