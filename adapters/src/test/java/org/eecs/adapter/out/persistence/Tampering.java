package org.eecs.adapter.out.persistence;

import org.eecs.domain.audit.BreakKind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What someone with the database's superuser rights could do to two consecutive events behind the triggers' back
 * (the tests disable them first), and where and how verification must then find the chain broken.
 */
enum Tampering {

    /** A field of the later event changed: it no longer matches its hash. */
    FIELD_ALTERED(BreakKind.ALTERED) {
        @Override
        long apply(JdbcClient jdbc, long earlier, long later) {
            jdbc.sql("update audit_event set actor_id = 'mallory' where sequence = ?").param(later).update();
            return later;
        }
    },
    /** The earlier event deleted: its number is missing. */
    EVENT_DELETED(BreakKind.MISSING) {
        @Override
        long apply(JdbcClient jdbc, long earlier, long later) {
            jdbc.sql("delete from audit_event where sequence = ?").param(earlier).update();
            return earlier;
        }
    },
    /** The two exchange places, every column but the sequence: the earlier place links to the wrong hash. */
    EVENTS_SWAPPED(BreakKind.MISLINKED) {
        @Override
        long apply(JdbcClient jdbc, long earlier, long later) {
            long parked = Long.MAX_VALUE;
            jdbc.sql("update audit_event set sequence = ? where sequence = ?").params(parked, earlier).update();
            jdbc.sql("update audit_event set sequence = ? where sequence = ?").params(earlier, later).update();
            jdbc.sql("update audit_event set sequence = ? where sequence = ?").params(later, parked).update();
            return earlier;
        }
    };

    final BreakKind found;

    Tampering(BreakKind found) {
        this.found = found;
    }

    /** Tampers with the two events and returns the sequence number where the chain is now broken. */
    abstract long apply(JdbcClient jdbc, long earlier, long later);

    static void disableTheGuards(JdbcClient jdbc) {
        jdbc.sql("alter table audit_event disable trigger audit_event_is_append_only").update();
    }
}
