package org.eecs.adapter.in.scheduling;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eecs.application.port.in.RunningExports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's worker for every kind of export (FHIR bulk exports and auditors' exports alike): every
 * {@code eecs.exports.poll-every} it looks for waiting exports, or exports left by a worker that stopped, and
 * writes them one after the other on a thread of its own (so a long export holds up no other scheduled work); once
 * a minute it purges expired exports. One thread: an export is bounded by the database and the disk, not the
 * processor.
 */
@Component
class ExportScheduler {

    private static final Logger log = LoggerFactory.getLogger(ExportScheduler.class);

    private final RunningExports exports;
    private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("export-writer").daemon().factory());
    private final AtomicBoolean writing = new AtomicBoolean();

    ExportScheduler(RunningExports exports) {
        this.exports = exports;
    }

    @Scheduled(fixedDelayString = "${eecs.exports.poll-every}", initialDelayString = "${eecs.exports.poll-every}")
    void lookForWaitingExports() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        writer.execute(() -> {
            try {
                while (exports.runNext(worker).isPresent()) {
                    log.debug("an export was written");
                }
            } catch (RuntimeException e) {
                log.warn("exports could not be looked for: {}", e.getMessage());
            } finally {
                writing.set(false);
            }
        });
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void purgeExpiredExports() {
        try {
            int purged = exports.purgeExpired();
            if (purged > 0) {
                log.info("purged {} expired exports", purged);
            }
        } catch (RuntimeException e) {
            log.warn("expired exports could not be purged: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        writer.shutdownNow();
    }
}
