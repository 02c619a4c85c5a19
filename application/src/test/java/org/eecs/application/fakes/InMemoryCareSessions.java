package org.eecs.application.fakes;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.CareSessions;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;

/** Sessions in a map; care-team criteria are answered from the care teams it is given. */
public final class InMemoryCareSessions implements CareSessions, RollsBack {

    private static final Comparator<CareSession> EARLIEST_FIRST = Comparator
            .comparing((CareSession session) -> session.window().start())
            .thenComparing(session -> session.id().value());

    private final Map<CareSessionId, CareSession> byId = new HashMap<>();
    private final InMemoryCareTeams careTeams;

    public InMemoryCareSessions(InMemoryCareTeams careTeams) {
        this.careTeams = careTeams;
    }

    @Override
    public void save(CareSession session) {
        byId.put(session.id(), session);
    }

    @Override
    public Optional<CareSession> find(CareSessionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<CareSession> ofRobotOverlapping(RobotId robot, TimeWindow window) {
        return byId.values().stream()
                .filter(session -> session.robot().equals(robot) && session.window().overlaps(window))
                .sorted(EARLIEST_FIRST)
                .toList();
    }

    @Override
    public Page<CareSession> list(SessionCriteria criteria, PageRequest page) {
        List<CareSession> matching = byId.values().stream()
                .filter(session -> criteria.startingWithin() == null
                        || criteria.startingWithin().contains(session.window().start()))
                .filter(session -> careTeams.includesAll(session.patient(), criteria.careTeamIncludes()))
                .filter(session -> criteria.patient() == null || criteria.patient().equals(session.patient()))
                .filter(session -> criteria.robot() == null || criteria.robot().equals(session.robot()))
                .filter(session -> criteria.state() == null || criteria.state() == session.state())
                .sorted(EARLIEST_FIRST)
                .toList();
        return Paging.page(matching, page);
    }

    /** Everything stored, in no particular order. */
    public List<CareSession> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public Runnable checkpoint() {
        Map<CareSessionId, CareSession> saved = Map.copyOf(byId);
        return () -> {
            byId.clear();
            byId.putAll(saved);
        };
    }
}
