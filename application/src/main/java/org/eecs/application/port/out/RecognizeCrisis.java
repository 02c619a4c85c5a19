package org.eecs.application.port.out;

import java.util.Optional;
import org.eecs.domain.safety.CrisisSignal;

/** Crisis language (suicide, self-harm, abuse, medical emergency) in what the patient said. */
public interface RecognizeCrisis {

    /** @return the crisis heard, with the evidence; empty when the words hold none */
    Optional<CrisisSignal> crisisIn(String transcript);
}
