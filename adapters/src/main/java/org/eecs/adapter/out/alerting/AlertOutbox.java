package org.eecs.adapter.out.alerting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eecs.application.port.out.AlertClinicians;
import org.eecs.domain.safety.Escalation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an alert is a row written in the transaction that raises or changes the escalation,
 * so it exists exactly when the change does; {@link WebhookSender} delivers it afterwards.
 *
 * <p>The alert says that something happened and where to look, not what the patient said: the payload holds the
 * escalation's id, pseudonymous session and patient ids, category, state and times, and the API path of the
 * escalation. What was said stays behind the API, where access is checked and audited.
 */
class AlertOutbox implements AlertClinicians {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    AlertOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void alert(Escalation escalation) {
        Instant now = clock.instant();
        jdbc.sql("insert into escalation_alert (escalation_id, payload, created_at, next_attempt_at)"
                        + " values (?, ?, ?, ?)")
                .params(escalation.id().value(), payload(escalation), Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    static String payload(Escalation escalation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "escalation." + switch (escalation.state()) {
            case OPEN -> "raised";
            case ACKNOWLEDGED -> "acknowledged";
            case RESOLVED -> "resolved";
        });
        body.put("escalationId", escalation.id().toString());
        body.put("sessionId", escalation.session().toString());
        body.put("patientId", escalation.patient().toString());
        body.put("category", escalation.category().label());
        body.put("state", escalation.state().name());
        body.put("raisedAt", escalation.raisedAt().toString());
        body.put("acknowledgedAt", escalation.acknowledgedAt() == null ? null : escalation.acknowledgedAt().toString());
        body.put("resolvedAt", escalation.resolvedAt() == null ? null : escalation.resolvedAt().toString());
        body.put("path", "/api/v1/escalations/" + escalation.id());
        return JSON.writeValueAsString(body);
    }
}
