package org.eecs.domain.patient;

import org.eecs.domain.Require;

/** A clinician as the identity provider knows them: the Keycloak subject or username. */
public record ClinicianId(String value) {

    public static final int MAX_LENGTH = 255;

    public ClinicianId {
        Require.text("clinician id", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
