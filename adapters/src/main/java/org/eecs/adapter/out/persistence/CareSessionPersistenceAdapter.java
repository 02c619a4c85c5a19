package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.CareSessions;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class CareSessionPersistenceAdapter implements CareSessions {

    private final CareSessionRepository sessions;
    private final EntityManager entityManager;

    CareSessionPersistenceAdapter(CareSessionRepository sessions, EntityManager entityManager) {
        this.sessions = sessions;
        this.entityManager = entityManager;
    }

    @Override
    public void save(CareSession session) {
        CareSessionEntity entity = sessions.findById(session.id().value()).orElseGet(CareSessionEntity::new);
        entity.id = session.id().value();
        entity.patientId = session.patient().value();
        entity.robotId = session.robot().value();
        entity.windowStart = session.window().start();
        entity.windowEnd = session.window().end();
        entity.careGoal = session.careGoal();
        entity.emotionInput = session.emotionInput();
        entity.state = session.state();
        entity.startedAt = session.startedAt();
        entity.endedAt = session.endedAt();
        entity.endReason = session.endReason();
        entity.crisisFlaggedAt = session.crisisFlaggedAt();
        sessions.save(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CareSession> find(CareSessionId id) {
        return sessions.findById(id.value()).map(CareSessionPersistenceAdapter::toDomain);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CareSession> ofRobotOverlapping(RobotId robot, TimeWindow window) {
        return sessions.findOverlapping(robot.value(), window.start(), window.end()).stream()
                .map(CareSessionPersistenceAdapter::toDomain)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Page<CareSession> list(SessionCriteria criteria, PageRequest page) {
        Jpql<CareSessionEntity> query = new Jpql<>(CareSessionEntity.class, "s");
        if (criteria.startingWithin() != null) {
            query.where("s.windowStart >= :from", "from", criteria.startingWithin().start());
            query.where("s.windowStart < :to", "to", criteria.startingWithin().end());
        }
        if (criteria.patient() != null) {
            query.where("s.patientId = :patient", "patient", criteria.patient().value());
        }
        if (criteria.robot() != null) {
            query.where("s.robotId = :robot", "robot", criteria.robot().value());
        }
        if (criteria.state() != null) {
            query.where("s.state = :state", "state", criteria.state());
        }
        int member = 0;
        for (ClinicianId clinician : criteria.careTeamIncludes()) {
            String name = "member" + member++;
            query.where("exists (select 1 from CareTeamMemberEntity m where m.key.patientId = s.patientId"
                    + " and m.key.clinicianId = :" + name + ")", name, clinician.value());
        }
        return query.page(entityManager, "s.windowStart, s.id", page).map(CareSessionPersistenceAdapter::toDomain);
    }

    private static CareSession toDomain(CareSessionEntity entity) {
        return new CareSession(new CareSessionId(entity.id), new PatientId(entity.patientId),
                new RobotId(entity.robotId), new TimeWindow(entity.windowStart, entity.windowEnd), entity.careGoal,
                entity.emotionInput, entity.state, entity.startedAt, entity.endedAt, entity.endReason,
                entity.crisisFlaggedAt);
    }
}
