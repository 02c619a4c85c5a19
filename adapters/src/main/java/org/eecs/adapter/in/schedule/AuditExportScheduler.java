package org.eecs.adapter.in.schedule;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eecs.application.port.in.RunningAuditExports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drives the export work on every instance: looks for queued exports every {@code eecs.audit.exports.poll-every}
 * and writes them on a thread of its own (so a long export holds up no other scheduled work), and purges expired
 * exports every ten minutes.
 */
@Component
class AuditExportScheduler {

    private static final Logger log = LoggerFactory.getLogger(AuditExportScheduler.class);

    private final RunningAuditExports exports;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("audit-export-writer").daemon().factory());
    private final AtomicBoolean writing = new AtomicBoolean();

    AuditExportScheduler(RunningAuditExports exports) {
        this.exports = exports;
    }

    @Scheduled(fixedDelayString = "${eecs.audit.exports.poll-every}", initialDelayString = "PT5S")
    void lookForWaitingExports() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        writer.execute(() -> {
            try {
                while (exports.writeNext()) {
                    log.debug("an audit export was written");
                }
            } catch (RuntimeException e) {
                log.warn("audit exports could not be looked for: {}", e.getMessage());
            } finally {
                writing.set(false);
            }
        });
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purgeExpiredExports() {
        int purged = exports.purgeExpired();
        if (purged > 0) {
            log.info("purged {} expired audit exports", purged);
        }
    }

    @PreDestroy
    void stop() {
        writer.shutdownNow();
    }
}
