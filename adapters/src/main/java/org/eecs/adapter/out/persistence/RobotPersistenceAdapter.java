package org.eecs.adapter.out.persistence;

import java.util.List;
import java.util.Optional;
import org.eecs.application.port.out.Robots;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class RobotPersistenceAdapter implements Robots {

    private final RobotRepository robots;

    RobotPersistenceAdapter(RobotRepository robots) {
        this.robots = robots;
    }

    @Override
    public void save(Robot robot) {
        RobotEntity entity = robots.findById(robot.id().value()).orElseGet(RobotEntity::new);
        entity.id = robot.id().value();
        entity.name = robot.name();
        entity.model = robot.model();
        entity.profileReference = robot.profileReference();
        robots.save(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Robot> find(RobotId id) {
        return robots.findById(id.value()).map(RobotPersistenceAdapter::toDomain);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Robot> all() {
        return robots.findAll(Sort.by("id")).stream().map(RobotPersistenceAdapter::toDomain).toList();
    }

    private static Robot toDomain(RobotEntity entity) {
        return new Robot(new RobotId(entity.id), entity.name, entity.model, entity.profileReference);
    }
}
