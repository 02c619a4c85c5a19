package org.eecs.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;

/** Turns in a list; like the database, a second turn with a session's sequence number is refused. */
public final class InMemoryTurns implements Turns, RollsBack {

    private final List<Turn> turns = new ArrayList<>();
    private final Map<RetryKey, TurnId> answeredKeys = new HashMap<>();
    private final CareSessions sessions;

    /** Turns of the given sessions (one unit of work at a time: holding a session is a no-op). */
    public InMemoryTurns(CareSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public NextTurn recordNext(TurnDraft draft, SessionState expected, Optional<RetryKey> answering) {
        Optional<CareSession> held = sessions.find(draft.session());
        if (held.isEmpty()) {
            return new NextTurn.NoSuchSession();
        }
        if (held.get().state() != expected) {
            return new NextTurn.SessionMoved(held.get().state());
        }
        Turn turn = draft.numbered(of(draft.session()).stream().mapToInt(Turn::sequence).max().orElse(0) + 1);
        save(turn);
        answering.ifPresent(key -> answeredKeys.putIfAbsent(key, turn.id()));
        return new NextTurn.Recorded(turn);
    }

    /** The turn that answered the robot's retry key, if one did. */
    public Optional<TurnId> answerOf(RetryKey key) {
        return Optional.ofNullable(answeredKeys.get(key));
    }

    /** A turn as given, number included: a session's records as a test needs them (or a turn taken meanwhile). */
    public void save(Turn turn) {
        if (turns.stream().anyMatch(stored -> stored.session().equals(turn.session())
                && stored.sequence() == turn.sequence() && !stored.id().equals(turn.id()))) {
            throw new IllegalStateException("turn " + turn.sequence() + " of session " + turn.session() + " exists");
        }
        turns.removeIf(stored -> stored.id().equals(turn.id()));
        turns.add(turn);
    }

    @Override
    public Optional<Turn> find(TurnId turn) {
        return turns.stream().filter(stored -> stored.id().equals(turn)).findFirst();
    }

    @Override
    public List<Turn> of(CareSessionId session) {
        return turns.stream()
                .filter(turn -> turn.session().equals(session))
                .sorted(Comparator.comparingInt(Turn::sequence))
                .toList();
    }

    @Override
    public List<Turn> latest(CareSessionId session, int count) {
        List<Turn> all = of(session);
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    @Override
    public void interrupt(TurnId turn, Interruption interruption) {
        find(turn).ifPresent(found -> save(found.interrupted(interruption)));
    }

    @Override
    public Runnable checkpoint() {
        List<Turn> saved = List.copyOf(turns);
        Map<RetryKey, TurnId> answered = Map.copyOf(answeredKeys);
        return () -> {
            turns.clear();
            turns.addAll(saved);
            answeredKeys.clear();
            answeredKeys.putAll(answered);
        };
    }
}
