package org.eecs.application.fakes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.session.CareSessionId;

/** One rating per session; a later one replaces the earlier. */
public final class InMemoryCareExperienceRatings implements CareExperienceRatings, RollsBack {

    private final Map<CareSessionId, CareExperienceRating> bySession = new HashMap<>();

    @Override
    public void save(CareExperienceRating rating) {
        bySession.put(rating.session(), rating);
    }

    @Override
    public Optional<CareExperienceRating> of(CareSessionId session) {
        return Optional.ofNullable(bySession.get(session));
    }

    /** Every rating stored, for the fakes that answer questions across sessions. */
    public List<CareExperienceRating> all() {
        return List.copyOf(bySession.values());
    }

    @Override
    public Runnable checkpoint() {
        Map<CareSessionId, CareExperienceRating> saved = Map.copyOf(bySession);
        return () -> {
            bySession.clear();
            bySession.putAll(saved);
        };
    }
}
