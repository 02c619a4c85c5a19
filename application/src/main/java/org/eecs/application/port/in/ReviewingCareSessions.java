package org.eecs.application.port.in;

import java.util.List;
import java.util.Optional;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.Turn;

/**
 * A clinician of the care team reviews a session: its transcript, notes, and the patient's rating of the care
 * experience.
 */
public interface ReviewingCareSessions {

    /** The turns in order, with their observations and responses; empty until the session has turns. */
    List<Turn> transcript(Caller caller, CareSessionId session);

    /**
     * A turn of a session the clinician watches live, opened to them like the transcript (and audited as a read of
     * it); refused as {@link UnknownCareSession} once they may no longer see the session.
     */
    Turn liveTurn(Caller caller, Turn turn);

    ReviewNote addNote(Caller caller, CareSessionId session, String text);

    List<ReviewNote> notes(Caller caller, CareSessionId session);

    /** Records the patient's rating (1-5) of a session that has ended; a later rating replaces an earlier one. */
    CareExperienceRating rate(Caller caller, CareSessionId session, int score, String comment);

    Optional<CareExperienceRating> rating(Caller caller, CareSessionId session);
}
