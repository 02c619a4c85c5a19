package org.eecs.domain.patient;

import java.util.UUID;
import org.eecs.domain.Require;

/** Identifies a patient without revealing who they are; the alias and the id are all the system holds. */
public record PatientId(UUID value) {

    public PatientId {
        Require.present("patient id", value);
    }

    public static PatientId newId() {
        return new PatientId(UUID.randomUUID());
    }

    public static PatientId of(String text) {
        return new PatientId(Require.uuid("patient id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
