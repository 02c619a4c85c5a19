package org.eecs.application.fakes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eecs.application.port.out.Robots;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;

public final class InMemoryRobots implements Robots, RollsBack {

    private final Map<String, Robot> byId = new TreeMap<>();

    @Override
    public void save(Robot robot) {
        byId.put(robot.id().value(), robot);
    }

    @Override
    public Optional<Robot> find(RobotId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    @Override
    public List<Robot> all() {
        return List.copyOf(byId.values());
    }

    @Override
    public Runnable checkpoint() {
        Map<String, Robot> saved = new TreeMap<>(byId);
        return () -> {
            byId.clear();
            byId.putAll(saved);
        };
    }
}
