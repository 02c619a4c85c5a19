package org.eecs.adapter.in.scheduling;

import org.eecs.application.port.in.PurgingExpiredRecordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Purges raw recordings past their consented retention, every {@code eecs.retention.purge-interval}. */
@Component
class RecordingPurge {

    private static final Logger log = LoggerFactory.getLogger(RecordingPurge.class);

    private final PurgingExpiredRecordings retention;

    RecordingPurge(PurgingExpiredRecordings retention) {
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${eecs.retention.purge-interval:PT10M}", initialDelayString = "PT1M")
    void purge() {
        int purged = retention.purgeExpired();
        if (purged > 0) {
            log.info("purged the recordings of {} turns whose consented retention is over", purged);
        }
    }
}
