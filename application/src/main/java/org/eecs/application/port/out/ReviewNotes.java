package org.eecs.application.port.out;

import java.util.List;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.session.CareSessionId;

/** Clinicians' notes on care sessions; added, never changed. */
public interface ReviewNotes {

    void add(ReviewNote note);

    /** The session's notes, oldest first. */
    List<ReviewNote> of(CareSessionId session);
}
