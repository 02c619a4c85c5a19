package org.eecs.application.consent;

import org.eecs.application.port.in.Caller;
import org.eecs.domain.consent.ConsentWithdrawn;

/**
 * What else must happen, in the same unit of work, when a patient withdraws consent: the use cases that depend on
 * consent subscribe here (wired by hand), so that the consent desk need not know them.
 */
@FunctionalInterface
public interface WhenConsentIsWithdrawn {

    /** @param by who recorded the withdrawal; follow-up changes are audited under their name */
    void consentWithdrawn(Caller by, ConsentWithdrawn withdrawal);
}
