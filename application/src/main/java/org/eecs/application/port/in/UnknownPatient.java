package org.eecs.application.port.in;

import org.eecs.domain.patient.PatientId;

/** The patient does not exist, or the caller may not know of it. */
public class UnknownPatient extends NotFound {

    public UnknownPatient(PatientId patient) {
        super("no patient " + patient);
    }
}
