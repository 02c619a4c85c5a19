package org.eecs.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.Turn;

public final class InMemoryTurns implements Turns, RollsBack {

    private final List<Turn> turns = new ArrayList<>();

    @Override
    public void save(Turn turn) {
        turns.removeIf(stored -> stored.id().equals(turn.id()));
        turns.add(turn);
    }

    @Override
    public List<Turn> of(CareSessionId session) {
        return turns.stream()
                .filter(turn -> turn.session().equals(session))
                .sorted(Comparator.comparingInt(Turn::sequence))
                .toList();
    }

    @Override
    public Runnable checkpoint() {
        List<Turn> saved = List.copyOf(turns);
        return () -> {
            turns.clear();
            turns.addAll(saved);
        };
    }
}
