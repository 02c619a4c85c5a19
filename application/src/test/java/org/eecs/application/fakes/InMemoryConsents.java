package org.eecs.application.fakes;

import java.util.HashMap;
import java.util.Map;
import org.eecs.application.port.out.Consents;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.patient.PatientId;

public final class InMemoryConsents implements Consents {

    private final Map<PatientId, ConsentHistory> histories = new HashMap<>();

    @Override
    public ConsentHistory historyOf(PatientId patient) {
        return histories.getOrDefault(patient, ConsentHistory.empty(patient));
    }

    @Override
    public void append(Consent next) {
        histories.put(next.patient(), historyOf(next.patient()).with(next));
    }
}
