package org.eecs.application.port.out;

import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.patient.PatientId;

/** Every consent version a patient has given or withdrawn. Versions are never changed, only added. */
public interface Consents {

    ConsentHistory historyOf(PatientId patient);

    /** Stores the next version; refused when a version with that number already exists. */
    void append(Consent next);
}
