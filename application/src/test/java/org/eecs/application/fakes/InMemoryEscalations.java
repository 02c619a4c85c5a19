package org.eecs.application.fakes;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.Escalations;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSessionId;

/** Escalations in a map; care-team criteria are answered from the care teams it is given. */
public final class InMemoryEscalations implements Escalations, RollsBack {

    private static final Comparator<Escalation> OLDEST_FIRST = Comparator.comparing(Escalation::raisedAt)
            .thenComparing(escalation -> escalation.id().value());

    private final Map<EscalationId, Escalation> byId = new LinkedHashMap<>();
    private final InMemoryCareTeams careTeams;

    public InMemoryEscalations(InMemoryCareTeams careTeams) {
        this.careTeams = careTeams;
    }

    @Override
    public void save(Escalation escalation) {
        byId.put(escalation.id(), escalation);
    }

    @Override
    public Optional<Escalation> find(EscalationId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Escalation> ofSession(CareSessionId session) {
        return byId.values().stream().filter(escalation -> escalation.session().equals(session))
                .sorted(OLDEST_FIRST).toList();
    }

    @Override
    public Page<Escalation> forCareTeamOf(ClinicianId clinician, Set<EscalationState> states, PageRequest page) {
        return Paging.page(byId.values().stream()
                .filter(escalation -> states.contains(escalation.state()))
                .filter(escalation -> careTeams.includesAll(escalation.patient(), Set.of(clinician)))
                .sorted(OLDEST_FIRST).toList(), page);
    }

    public List<Escalation> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public Runnable checkpoint() {
        Map<EscalationId, Escalation> saved = new LinkedHashMap<>(byId);
        return () -> {
            byId.clear();
            byId.putAll(saved);
        };
    }
}
