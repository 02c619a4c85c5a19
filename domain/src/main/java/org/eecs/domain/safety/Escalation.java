package org.eecs.domain.safety;

import java.time.Instant;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;

/**
 * A call for a person: crisis language was heard in a care session, the robot gave the fixed crisis reply, and the
 * session's clinicians must now act. The record keeps what was said and why it was taken for a crisis, who took
 * it on and when, and how it was resolved.
 *
 * <p>Immutable: {@link #acknowledge} and {@link #resolve} return the escalation in its new state. The fields always
 * agree with the state: an acknowledgement (who and when) from ACKNOWLEDGED on, a resolution (who, when and a
 * note) exactly in RESOLVED. An escalation resolved straight from OPEN has no acknowledgement.
 */
public record Escalation(EscalationId id, CareSessionId session, PatientId patient, CrisisSignal signal,
                         String utterance, Instant raisedAt, EscalationState state, ClinicianId acknowledgedBy,
                         Instant acknowledgedAt, ClinicianId resolvedBy, Instant resolvedAt, String resolution) {

    public static final int MAX_UTTERANCE_LENGTH = 10_000;
    public static final int MAX_RESOLUTION_LENGTH = 2000;

    public Escalation {
        Require.present("escalation id", id);
        Require.present("care session", session);
        Require.present("patient", patient);
        Require.present("crisis signal", signal);
        Require.text("utterance", utterance, MAX_UTTERANCE_LENGTH);
        Require.present("raised at", raisedAt);
        Require.present("state", state);
        if ((acknowledgedBy == null) != (acknowledgedAt == null)) {
            throw new DomainViolation("an acknowledgement names both who and when, got " + acknowledgedBy + " at "
                    + acknowledgedAt);
        }
        if (state == EscalationState.ACKNOWLEDGED && acknowledgedBy == null) {
            throw new DomainViolation("an ACKNOWLEDGED escalation needs who acknowledged it and when");
        }
        if (state == EscalationState.OPEN && acknowledgedBy != null) {
            throw new DomainViolation("an OPEN escalation has not been acknowledged, got " + acknowledgedBy);
        }
        boolean resolved = state == EscalationState.RESOLVED;
        if (resolved) {
            Require.present("resolved by", resolvedBy);
            Require.present("resolved at", resolvedAt);
            Require.text("resolution", resolution, MAX_RESOLUTION_LENGTH);
        } else if (resolvedBy != null || resolvedAt != null || resolution != null) {
            throw new DomainViolation("only a RESOLVED escalation has a resolution, this one is " + state);
        }
        notBefore("acknowledged", acknowledgedAt, raisedAt);
        notBefore("resolved", resolvedAt, acknowledgedAt == null ? raisedAt : acknowledgedAt);
    }

    /** A new, open escalation for what was heard in the session. */
    public static Escalation raise(CareSessionId session, PatientId patient, CrisisSignal signal, String utterance,
                                   Instant at) {
        return new Escalation(EscalationId.newId(), session, patient, signal, utterance, at, EscalationState.OPEN,
                null, null, null, null, null);
    }

    /** A clinician takes the escalation on; only an open one can be acknowledged. */
    public Escalation acknowledge(ClinicianId by, Instant at) {
        if (state != EscalationState.OPEN) {
            throw new IllegalEscalationStep(this, "acknowledged");
        }
        return new Escalation(id, session, patient, signal, utterance, raisedAt, EscalationState.ACKNOWLEDGED,
                Require.present("acknowledged by", by), Require.present("acknowledged at", at), null, null, null);
    }

    /** A clinician closes the escalation, saying what was done; open or acknowledged, not twice. */
    public Escalation resolve(ClinicianId by, Instant at, String note) {
        if (state == EscalationState.RESOLVED) {
            throw new IllegalEscalationStep(this, "resolved");
        }
        return new Escalation(id, session, patient, signal, utterance, raisedAt, EscalationState.RESOLVED,
                acknowledgedBy, acknowledgedAt, Require.present("resolved by", by), Require.present("resolved at", at),
                note);
    }

    public CrisisCategory category() {
        return signal.category();
    }

    private static void notBefore(String what, Instant instant, Instant earliest) {
        if (instant != null && earliest != null && instant.isBefore(earliest)) {
            throw new DomainViolation("an escalation cannot be " + what + " at " + instant + ", before " + earliest);
        }
    }

    /** A step the escalation's state does not allow, such as resolving it twice. */
    public static final class IllegalEscalationStep extends DomainViolation {

        private static final long serialVersionUID = 1L;

        private final transient EscalationState state;

        IllegalEscalationStep(Escalation escalation, String step) {
            super("escalation " + escalation.id() + " is " + escalation.state() + " and cannot be " + step);
            this.state = escalation.state();
        }

        public EscalationState state() {
            return state;
        }
    }
}
