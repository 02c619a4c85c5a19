package org.eecs.application.robot;

import java.util.List;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.RegisteringRobots;
import org.eecs.application.port.in.UnknownRobot;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;

/** The hospital's robots. A robot's id is its identity-provider client id, so it is registered once. */
public final class RobotRegistry implements RegisteringRobots {

    private final Robots robots;
    private final CareRecordAccess access;
    private final Transactions transactions;

    public RobotRegistry(Robots robots, CareRecordAccess access, Transactions transactions) {
        this.robots = robots;
        this.access = access;
        this.transactions = transactions;
    }

    @Override
    public Robot register(Caller caller, Robot robot) {
        return transactions.inOne(() -> {
            access.requireRole(caller, Role.ADMIN, AuditAction.CREATE, new EntityRef("Robot", robot.id().value()));
            if (robots.find(robot.id()).isPresent()) {
                throw new Conflict("robot-already-registered", "a robot with id " + robot.id().value()
                        + " is already registered");
            }
            robots.save(robot);
            access.record(caller, AuditAction.CREATE, new EntityRef("Robot", robot.id().value()), null);
            return robot;
        });
    }

    @Override
    public Robot read(Caller caller, RobotId robot) {
        return robots.find(robot).orElseThrow(() -> new UnknownRobot(robot));
    }

    @Override
    public List<Robot> list(Caller caller) {
        return robots.all();
    }
}
