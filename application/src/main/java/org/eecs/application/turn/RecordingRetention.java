package org.eecs.application.turn;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.PurgingExpiredRecordings;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Recordings;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;

/**
 * Deletes raw recordings whose consented retention is over, in batches, each batch and its audit events (one per
 * turn, as the system's act) in one unit of work.
 */
public final class RecordingRetention implements PurgingExpiredRecordings {

    static final int BATCH = 100;
    private static final Caller RETENTION = new Caller(Actor.system("recording-retention"), null, null,
            "retention period over");

    private final Recordings recordings;
    private final AuditTrail auditTrail;
    private final Transactions transactions;
    private final Clock clock;

    public RecordingRetention(Recordings recordings, AuditTrail auditTrail, Transactions transactions, Clock clock) {
        this.recordings = recordings;
        this.auditTrail = auditTrail;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int purged = 0;
        int batch;
        do {
            batch = transactions.inOne(() -> {
                List<Recordings.Purged> gone = recordings.purgeExpired(now, BATCH);
                gone.forEach(purge -> auditTrail.append(RETENTION.audit(AuditAction.DELETE,
                        new EntityRef("TurnRecording", purge.turn().toString()), purge.patient(), AuditOutcome.SUCCESS,
                        now)));
                return gone.size();
            });
            purged += batch;
        } while (batch == BATCH);
        return purged;
    }
}
