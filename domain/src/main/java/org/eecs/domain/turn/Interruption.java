package org.eecs.domain.turn;

import java.time.Duration;
import java.time.Instant;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * The patient spoke over the robot's answer (barge-in): the answer was not heard to its end.
 *
 * @param reportedAt when the robot reported it
 * @param heardAfter how far into the performance of the answer the patient started speaking
 */
public record Interruption(Instant reportedAt, Duration heardAfter) {

    public Interruption {
        Require.present("report time", reportedAt);
        Require.present("heard after", heardAfter);
        if (heardAfter.isNegative()) {
            throw new DomainViolation("an interruption comes after the answer started, got " + heardAfter);
        }
    }
}
