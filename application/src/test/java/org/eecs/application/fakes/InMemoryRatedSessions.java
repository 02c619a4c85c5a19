package org.eecs.application.fakes;

import java.util.List;
import java.util.Optional;
import org.eecs.application.port.out.RatedSessions;
import org.eecs.domain.analytics.DominantEmotion;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.Turn;

/** The rated sessions, answered from the other in-memory stores as the database answers from its tables. */
public final class InMemoryRatedSessions implements RatedSessions {

    private final InMemoryCareExperienceRatings ratings;
    private final InMemoryCareSessions sessions;
    private final InMemoryPatients patients;
    private final InMemoryCareTeams careTeams;
    private final InMemoryTurns turns;

    public InMemoryRatedSessions(InMemoryCareExperienceRatings ratings, InMemoryCareSessions sessions,
                                 InMemoryPatients patients, InMemoryCareTeams careTeams, InMemoryTurns turns) {
        this.ratings = ratings;
        this.sessions = sessions;
        this.patients = patients;
        this.careTeams = careTeams;
        this.turns = turns;
    }

    @Override
    public List<RatedSessionFacts> matching(Criteria criteria) {
        return ratings.all().stream()
                .map(rating -> facts(rating, criteria))
                .flatMap(Optional::stream)
                .toList();
    }

    private Optional<RatedSessionFacts> facts(CareExperienceRating rating, Criteria criteria) {
        CareSession session = sessions.find(rating.session()).orElseThrow();
        boolean matches = session.startedAt() != null && criteria.startedWithin().contains(session.startedAt())
                && careTeams.includesAll(session.patient(), criteria.careTeamIncludes())
                && (criteria.robot() == null || criteria.robot().equals(session.robot()))
                && (criteria.emotionInput() == null || criteria.emotionInput() == session.emotionInput());
        if (!matches) {
            return Optional.empty();
        }
        Patient patient = patients.find(session.patient()).orElseThrow();
        List<EmotionDistribution> fused = turns.of(session.id()).stream()
                .map(Turn::fused).flatMap(Optional::stream).map(EmotionObservation::distribution).toList();
        return Optional.of(new RatedSessionFacts(rating.score(), patient.gender(), patient.birthYear(),
                session.startedAt(), session.emotionInput(), DominantEmotion.meanProbabilities(fused)));
    }
}
