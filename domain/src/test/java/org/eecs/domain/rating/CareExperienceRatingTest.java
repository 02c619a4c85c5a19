package org.eecs.domain.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;

class CareExperienceRatingTest {

    private static final CareSessionId SESSION = CareSessionId.newId();
    private static final Instant AFTERWARDS = Instant.parse("2025-03-01T09:40:00Z");

    @Test
    void commentIsOptional() {
        assertThat(new CareExperienceRating(SESSION, new LikertScore(4), AFTERWARDS, null).comment()).isNull();
        assertThat(new CareExperienceRating(SESSION, new LikertScore(5), AFTERWARDS, "It listened.").comment())
                .isEqualTo("It listened.");
    }

    @Test
    void commentLongerThan2000_isRejected() {
        assertThatThrownBy(() -> new CareExperienceRating(SESSION, new LikertScore(3), AFTERWARDS, "c".repeat(2001)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("comment must be at most 2000 characters, got 2001");
    }

    @Test
    void sessionScoreAndTimeAreRequired() {
        assertThatThrownBy(() -> new CareExperienceRating(null, new LikertScore(3), AFTERWARDS, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("care session");
        assertThatThrownBy(() -> new CareExperienceRating(SESSION, null, AFTERWARDS, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("score");
        assertThatThrownBy(() -> new CareExperienceRating(SESSION, new LikertScore(3), null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("ratedAt");
    }
}
