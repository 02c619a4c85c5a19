package org.eecs.adapter.out.export;

import java.util.List;
import java.util.function.Function;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.ChainedAuditEvent;

/**
 * The fields of an exported audit event, in file order: the NDJSON keys and the CSV columns are the same names.
 * Values are text or null; the time is written exactly as the canonical form writes it (six fractional digits),
 * so that the event can be hashed again from the file alone.
 */
enum EventFields {
    SEQUENCE("sequence", e -> Long.toString(e.sequence())),
    OCCURRED_AT("occurredAt", e -> AuditEvent.canonicalTime(e.event().at())),
    ACTOR_ID("actorId", e -> e.event().actor().id()),
    ACTOR_ROLE("actorRole", e -> e.event().actor().role().name()),
    ACTION("action", e -> e.event().action().name()),
    ENTITY_TYPE("entityType", e -> e.event().entity().type()),
    ENTITY_ID("entityId", e -> e.event().entity().id()),
    PATIENT("patient", e -> e.event().patient() == null ? null : e.event().patient().toString()),
    OUTCOME("outcome", e -> e.event().outcome().name()),
    SOURCE_ADDRESS("sourceAddress", e -> e.event().sourceAddress()),
    PURPOSE("purpose", e -> e.event().purpose()),
    REQUEST_ID("requestId", e -> e.event().requestId()),
    PREVIOUS_HASH("previousHash", ChainedAuditEvent::previousHash),
    HASH("hash", ChainedAuditEvent::hash);

    static final List<EventFields> IN_ORDER = List.of(values());

    final String key;
    private final Function<ChainedAuditEvent, String> value;

    EventFields(String key, Function<ChainedAuditEvent, String> value) {
        this.key = key;
        this.value = value;
    }

    String of(ChainedAuditEvent event) {
        return value.apply(event);
    }
}
