package org.eecs.application.port.out;

import java.util.Optional;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.session.CareSessionId;

/** The patients' ratings of their sessions, on the paper's 5-point Likert scale. */
public interface CareExperienceRatings {

    void save(CareExperienceRating rating);

    Optional<CareExperienceRating> of(CareSessionId session);
}
