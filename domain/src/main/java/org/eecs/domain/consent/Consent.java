package org.eecs.domain.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/**
 * One version of a patient's consent, as recorded by a clinician. Versions are never edited: a change
 * of mind is a new version, so the history shows what was permitted at any moment.
 *
 * <p>A withdrawal permits nothing. A grant names at least one scope; if it includes
 * {@link ConsentScope#RECORDING_RETENTION} it also says for how long recordings may be kept,
 * and otherwise it carries no retention period.
 */
public record Consent(PatientId patient, int version, ConsentStatus status, Set<ConsentScope> scopes,
                      Instant effectiveFrom, ClinicianId recordedBy, Duration recordingRetention) {

    public Consent {
        Require.present("patient", patient);
        if (version < 1) {
            throw new DomainViolation("consent versions start at 1, got version " + version);
        }
        Require.present("consent status", status);
        scopes = copyOf(scopes);
        Require.present("effectiveFrom", effectiveFrom);
        Require.present("recordedBy", recordedBy);
        if (status == ConsentStatus.WITHDRAWN && !scopes.isEmpty()) {
            throw new DomainViolation("a withdrawn consent has no scopes, got " + scopes);
        }
        if (status == ConsentStatus.GRANTED && scopes.isEmpty()) {
            throw new DomainViolation("a granted consent names at least one scope, got none "
                    + "(to take every permission back, record a withdrawal)");
        }
        boolean retains = scopes.contains(ConsentScope.RECORDING_RETENTION);
        if (retains && (recordingRetention == null || recordingRetention.isNegative() || recordingRetention.isZero())) {
            throw new DomainViolation("consent to RECORDING_RETENTION needs a positive recordingRetention, got "
                    + recordingRetention);
        }
        if (!retains && recordingRetention != null) {
            throw new DomainViolation("recordingRetention applies only when RECORDING_RETENTION is granted, got "
                    + recordingRetention + " for scopes " + scopes);
        }
    }

    public boolean permits(ConsentScope scope) {
        return status == ConsentStatus.GRANTED && scopes.contains(scope);
    }

    /** Enum order, so that equal consents also print and iterate alike. */
    private static Set<ConsentScope> copyOf(Set<ConsentScope> scopes) {
        Require.present("consent scopes", scopes);
        EnumSet<ConsentScope> copy = EnumSet.noneOf(ConsentScope.class);
        for (ConsentScope scope : scopes) {
            copy.add(Require.present("consent scope", scope));
        }
        return Collections.unmodifiableSet(copy);
    }
}
