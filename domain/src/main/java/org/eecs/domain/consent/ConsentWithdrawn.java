package org.eecs.domain.consent;

import java.time.Instant;
import org.eecs.domain.Require;
import org.eecs.domain.patient.PatientId;

/**
 * A patient withdrew every consent, effective at once: whatever runs on that consent (a care session in progress)
 * stops now, not at its next check.
 *
 * @param version the consent version that records the withdrawal
 */
public record ConsentWithdrawn(PatientId patient, int version, Instant at) {

    public ConsentWithdrawn {
        Require.present("patient", patient);
        Require.present("withdrawal time", at);
    }
}
