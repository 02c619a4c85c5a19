package org.eecs.application.port;

import java.time.Instant;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;

/**
 * Which audit events are wanted. Every criterion is optional (null: any); those given must all hold. Times are
 * the events' own ({@code occurredAt}): {@code from} inclusive, {@code to} exclusive. Sequence bounds are
 * inclusive; an export fixes {@code toSequence} when it is asked for, so that it does not grow while it runs.
 * Text criteria match exactly. Build one with {@link #all()} and the {@code with...} methods.
 */
public record AuditFilter(Instant from, Instant to, String actorId, Role role, PatientId patient, AuditAction action,
                          AuditOutcome outcome, String requestId, String entityType, String entityId,
                          Long fromSequence, Long toSequence) {

    private static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null, null,
            null, null);

    public AuditFilter {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidRequest("the range ends (" + to + ") before it starts (" + from + ")");
        }
        if ((fromSequence != null && fromSequence < 1) || (toSequence != null && toSequence < 0)) {
            throw new InvalidRequest("sequence numbers start at 1");
        }
        actorId = blankToNull(actorId);
        requestId = blankToNull(requestId);
        entityType = blankToNull(entityType);
        entityId = blankToNull(entityId);
    }

    /** Every event. */
    public static AuditFilter all() {
        return ALL;
    }

    public AuditFilter withTimes(Instant from, Instant to) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    public AuditFilter withActor(String actorId, Role role) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    public AuditFilter withPatient(PatientId patient) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    public AuditFilter withAction(AuditAction action, AuditOutcome outcome) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    public AuditFilter withRequestId(String requestId) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    public AuditFilter withEntity(String entityType, String entityId) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    public AuditFilter withSequences(Long fromSequence, Long toSequence) {
        return new AuditFilter(from, to, actorId, role, patient, action, outcome, requestId, entityType, entityId,
                fromSequence, toSequence);
    }

    /**
     * True when only times and sequence numbers are constrained: the matching events are then one unbroken
     * stretch of the chain, whose links can be checked as well as each event's own hash.
     */
    public boolean isStretchOfTheChain() {
        return actorId == null && role == null && patient == null && action == null && outcome == null
                && requestId == null && entityType == null && entityId == null;
    }

    /** Whether the event meets every criterion: the meaning each store's query must have. */
    public boolean matches(ChainedAuditEvent chained) {
        AuditEvent event = chained.event();
        return (from == null || !event.at().isBefore(from))
                && (to == null || event.at().isBefore(to))
                && (actorId == null || actorId.equals(event.actor().id()))
                && (role == null || role == event.actor().role())
                && (patient == null || patient.equals(event.patient()))
                && (action == null || action == event.action())
                && (outcome == null || outcome == event.outcome())
                && (requestId == null || requestId.equals(event.requestId()))
                && (entityType == null || entityType.equals(event.entity().type()))
                && (entityId == null || entityId.equals(event.entity().id()))
                && (fromSequence == null || chained.sequence() >= fromSequence)
                && (toSequence == null || chained.sequence() <= toSequence);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
