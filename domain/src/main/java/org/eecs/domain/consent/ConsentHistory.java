package org.eecs.domain.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;

/**
 * Every consent version a patient has given, oldest first. The rules that keep it trustworthy:
 * versions are numbered 1, 2, 3... without gaps, all belong to the same patient, take effect in the
 * order they were recorded, and a withdrawal only ever follows a grant.
 *
 * <p>A version takes effect at its {@code effectiveFrom} instant, including in the middle of a running
 * session: from that instant on, {@link #permits} answers with the new version.
 *
 * <p>{@link #grant} and {@link #withdraw} do not change the history; they return the next version for the
 * caller to store, and {@link #with} gives the history that includes it.
 */
public record ConsentHistory(PatientId patient, List<Consent> versions) {

    public ConsentHistory {
        Require.present("patient", patient);
        Require.present("consent versions", versions);
        Consent previous = null;
        for (Consent version : versions) {
            checkFollows(patient, previous, Require.present("consent version", version));
            previous = version;
        }
        versions = List.copyOf(versions);
    }

    public static ConsentHistory empty(PatientId patient) {
        return new ConsentHistory(patient, List.of());
    }

    /** The latest version, whether or not it is already in force. */
    public Optional<Consent> current() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The version that governs instant {@code t}: the last one whose effectiveFrom is not after t. */
    public Optional<Consent> inForceAt(Instant t) {
        Require.present("instant", t);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (!versions.get(i).effectiveFrom().isAfter(t)) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    /** Without any consent in force, nothing is permitted. */
    public boolean permits(ConsentScope scope, Instant t) {
        return inForceAt(t).map(consent -> consent.permits(scope)).orElse(false);
    }

    public Consent grant(Set<ConsentScope> scopes, Duration recordingRetention, Instant at, ClinicianId by) {
        Consent next = new Consent(patient, nextVersion(), ConsentStatus.GRANTED, scopes, at, by, recordingRetention);
        checkFollows(patient, current().orElse(null), next);
        return next;
    }

    public Consent withdraw(Instant at, ClinicianId by) {
        Consent next = new Consent(patient, nextVersion(), ConsentStatus.WITHDRAWN, Set.of(), at, by, null);
        checkFollows(patient, current().orElse(null), next);
        return next;
    }

    public ConsentHistory with(Consent next) {
        checkFollows(patient, current().orElse(null), Require.present("next consent version", next));
        List<Consent> extended = new ArrayList<>(versions);
        extended.add(next);
        return new ConsentHistory(patient, extended);
    }

    private int nextVersion() {
        return versions.size() + 1;
    }

    /** The single place that decides whether {@code next} may follow {@code previous} (null: none yet). */
    private static void checkFollows(PatientId patient, Consent previous, Consent next) {
        if (!next.patient().equals(patient)) {
            throw new DomainViolation("consent version " + next.version() + " belongs to patient " + next.patient()
                    + ", not to patient " + patient);
        }
        int expected = previous == null ? 1 : previous.version() + 1;
        if (next.version() != expected) {
            throw new DomainViolation("the next consent version for patient " + patient + " must be " + expected
                    + ", got " + next.version());
        }
        if (previous != null && next.effectiveFrom().isBefore(previous.effectiveFrom())) {
            throw new DomainViolation("consent version " + next.version() + " cannot take effect at "
                    + next.effectiveFrom() + ", before version " + previous.version() + " at "
                    + previous.effectiveFrom());
        }
        if (next.status() == ConsentStatus.WITHDRAWN) {
            if (previous == null) {
                throw new DomainViolation("patient " + patient + " has not granted consent, there is nothing to withdraw");
            }
            if (previous.status() == ConsentStatus.WITHDRAWN) {
                throw new DomainViolation("consent of patient " + patient + " is already withdrawn (version "
                        + previous.version() + ", since " + previous.effectiveFrom() + ")");
            }
        }
    }
}
