package org.eecs.application.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.Recordings;

/** Kept recordings in a list. */
public final class InMemoryRecordings implements Recordings, RollsBack {

    private final List<TurnMedia> kept = new ArrayList<>();

    @Override
    public void keep(TurnMedia media) {
        kept.add(media);
    }

    @Override
    public List<Purged> purgeExpired(Instant now, int limit) {
        List<TurnMedia> expired = kept.stream().filter(media -> !media.expiresAt().isAfter(now)).limit(limit).toList();
        kept.removeAll(expired);
        return expired.stream().map(media -> new Purged(media.turn(), media.patient())).toList();
    }

    public List<TurnMedia> kept() {
        return List.copyOf(kept);
    }

    @Override
    public Runnable checkpoint() {
        List<TurnMedia> saved = List.copyOf(kept);
        return () -> {
            kept.clear();
            kept.addAll(saved);
        };
    }
}
