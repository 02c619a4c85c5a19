package org.eecs.application.port.out;

import java.util.List;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSessionId;

/** Language-model answers the output guard refused, kept for the care team and for tuning the prompt. */
public interface GuardViolations {

    void record(GuardViolation violation);

    /** The session's violations, oldest first. */
    List<GuardViolation> ofSession(CareSessionId session);
}
