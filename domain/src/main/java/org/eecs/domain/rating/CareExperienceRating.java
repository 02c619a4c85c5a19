package org.eecs.domain.rating;

import java.time.Instant;
import org.eecs.domain.Require;
import org.eecs.domain.session.CareSessionId;

/** How the patient rated a session afterwards, with an optional comment in their own words. */
public record CareExperienceRating(CareSessionId session, LikertScore score, Instant ratedAt, String comment) {

    public static final int MAX_COMMENT_LENGTH = 2000;

    public CareExperienceRating {
        Require.present("care session", session);
        Require.present("score", score);
        Require.present("ratedAt", ratedAt);
        Require.optionalText("comment", comment, MAX_COMMENT_LENGTH);
    }
}
