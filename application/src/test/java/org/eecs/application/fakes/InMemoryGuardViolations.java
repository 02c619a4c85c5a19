package org.eecs.application.fakes;

import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.GuardViolations;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSessionId;

public final class InMemoryGuardViolations implements GuardViolations, RollsBack {

    private final List<GuardViolation> recorded = new ArrayList<>();

    @Override
    public void record(GuardViolation violation) {
        recorded.add(violation);
    }

    @Override
    public List<GuardViolation> ofSession(CareSessionId session) {
        return recorded.stream().filter(violation -> violation.session().equals(session)).toList();
    }

    @Override
    public Runnable checkpoint() {
        List<GuardViolation> saved = List.copyOf(recorded);
        return () -> {
            recorded.clear();
            recorded.addAll(saved);
        };
    }
}
