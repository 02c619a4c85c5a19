package org.eecs.application.fakes;

import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.AlertClinicians;
import org.eecs.domain.safety.Escalation;

/** The alerts that would go out, in order; like the production outbox, they are lost with a failed unit of work. */
public final class RecordedAlerts implements AlertClinicians, RollsBack {

    private final List<Escalation> alerted = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public void alert(Escalation escalation) {
        if (failure != null) {
            throw failure;
        }
        alerted.add(escalation);
    }

    /** From now on, every alert fails as a broken outbox would. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public List<Escalation> alerted() {
        return List.copyOf(alerted);
    }

    @Override
    public Runnable checkpoint() {
        List<Escalation> saved = List.copyOf(alerted);
        return () -> {
            alerted.clear();
            alerted.addAll(saved);
        };
    }
}
