package org.eecs.application.port.in;

import org.eecs.domain.patient.PatientId;

/** The patient does not exist (or, to this caller, must look as if it did not). */
public class UnknownPatient extends RuntimeException {

    private final PatientId patient;

    public UnknownPatient(PatientId patient) {
        super("no patient " + patient);
        this.patient = patient;
    }

    public PatientId patient() {
        return patient;
    }
}
