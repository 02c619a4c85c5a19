package org.eecs.application.port.out;

import org.eecs.application.port.out.ReasonAboutCare.Answer;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.safety.CrisisCategory;

/** The fixed, clinician-approved replies to crisis language: never improvised, the same every time. */
public interface CrisisReplies {

    /** @param language the patient's preferred language (BCP-47); a language without replies gets English */
    Answer replyTo(CrisisCategory category, String language, RobotAbilities abilities);
}
