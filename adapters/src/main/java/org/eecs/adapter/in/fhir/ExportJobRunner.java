package org.eecs.adapter.in.fhir;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eecs.application.port.in.ExportingCareRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This instance's worker for bulk exports: it runs waiting jobs one after the other (at once when one is asked for
 * here, and every poll interval for those asked for elsewhere or left by a worker that died), and deletes expired
 * files once a minute. One thread: an export is bounded by the database and the disk, not the processor.
 */
@Component
class ExportJobRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExportJobRunner.class);

    private final ExportingCareRecords exports;
    private final Duration pollInterval;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread named = new Thread(runnable, "fhir-bulk-export");
        named.setDaemon(true);
        return named;
    });

    ExportJobRunner(ExportingCareRecords exports,
                    @Value("${eecs.fhir.export.poll-interval}") Duration pollInterval) {
        this.exports = exports;
        this.pollInterval = pollInterval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        thread.scheduleWithFixedDelay(this::drain, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.SECONDS);
    }

    /** Runs the waiting jobs soon, without waiting for the next poll. */
    void wake() {
        thread.execute(this::drain);
    }

    private void drain() {
        try {
            while (exports.runNext(worker).isPresent()) {
                // one job after another until none waits
            }
        } catch (RuntimeException e) {
            log.error("a bulk export failed", e);
        }
    }

    private void purge() {
        try {
            int purged = exports.purgeExpired();
            if (purged > 0) {
                log.info("deleted {} expired bulk export(s)", purged);
            }
        } catch (RuntimeException e) {
            log.error("expired bulk exports could not be deleted", e);
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
