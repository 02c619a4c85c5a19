package org.eecs.application.fakes;

import java.util.HashMap;
import java.util.Map;
import org.eecs.application.port.out.Consents;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.patient.PatientId;

/** Consent histories in a map; the history's own rules refuse a version that does not follow the last one. */
public final class InMemoryConsents implements Consents, RollsBack {

    private final Map<PatientId, ConsentHistory> histories = new HashMap<>();

    @Override
    public ConsentHistory historyOf(PatientId patient) {
        return histories.getOrDefault(patient, ConsentHistory.empty(patient));
    }

    @Override
    public void append(Consent next) {
        histories.put(next.patient(), historyOf(next.patient()).with(next));
    }

    @Override
    public Runnable checkpoint() {
        Map<PatientId, ConsentHistory> saved = Map.copyOf(histories);
        return () -> {
            histories.clear();
            histories.putAll(saved);
        };
    }
}
