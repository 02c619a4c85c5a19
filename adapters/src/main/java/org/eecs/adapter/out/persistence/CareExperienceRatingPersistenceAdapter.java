package org.eecs.adapter.out.persistence;

import java.util.Optional;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.session.CareSessionId;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class CareExperienceRatingPersistenceAdapter implements CareExperienceRatings {

    private final CareExperienceRatingRepository ratings;

    CareExperienceRatingPersistenceAdapter(CareExperienceRatingRepository ratings) {
        this.ratings = ratings;
    }

    @Override
    public void save(CareExperienceRating rating) {
        CareExperienceRatingEntity entity =
                ratings.findById(rating.session().value()).orElseGet(CareExperienceRatingEntity::new);
        entity.sessionId = rating.session().value();
        entity.score = (short) rating.score().value();
        entity.ratedAt = rating.ratedAt();
        entity.comment = rating.comment();
        ratings.save(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CareExperienceRating> of(CareSessionId session) {
        return ratings.findById(session.value()).map(entity -> new CareExperienceRating(
                new CareSessionId(entity.sessionId), new LikertScore(entity.score), entity.ratedAt, entity.comment));
    }
}
