package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.Page;
import org.eecs.application.port.PageRequest;
import org.eecs.application.port.out.Escalations;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.safety.CrisisSignal;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.safety.EscalationState;
import org.eecs.domain.session.CareSessionId;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class EscalationPersistenceAdapter implements Escalations {

    private final EscalationRepository escalations;
    private final EntityManager entityManager;

    EscalationPersistenceAdapter(EscalationRepository escalations, EntityManager entityManager) {
        this.escalations = escalations;
        this.entityManager = entityManager;
    }

    @Override
    public void save(Escalation escalation) {
        EscalationEntity entity = escalations.findById(escalation.id().value()).orElseGet(EscalationEntity::new);
        entity.id = escalation.id().value();
        entity.sessionId = escalation.session().value();
        entity.patientId = escalation.patient().value();
        entity.category = escalation.category();
        entity.evidence = escalation.signal().evidence();
        entity.utterance = escalation.utterance();
        entity.raisedAt = escalation.raisedAt();
        entity.state = escalation.state();
        entity.acknowledgedBy = escalation.acknowledgedBy() == null ? null : escalation.acknowledgedBy().value();
        entity.acknowledgedAt = escalation.acknowledgedAt();
        entity.resolvedBy = escalation.resolvedBy() == null ? null : escalation.resolvedBy().value();
        entity.resolvedAt = escalation.resolvedAt();
        entity.resolution = escalation.resolution();
        // flushed at once: the alert outbox, written next in the same transaction over JDBC, refers to this row
        escalations.saveAndFlush(entity);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Escalation> find(EscalationId id) {
        return escalations.findById(id.value()).map(EscalationPersistenceAdapter::toDomain);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Escalation> ofSession(CareSessionId session) {
        return escalations.findBySessionIdOrderByRaisedAtAscIdAsc(session.value()).stream()
                .map(EscalationPersistenceAdapter::toDomain).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Escalation> forCareTeamOf(ClinicianId clinician, Set<EscalationState> states, PageRequest page) {
        Jpql<EscalationEntity> query = new Jpql<>(EscalationEntity.class, "e")
                .where("e.state in :states", "states", states)
                .where("exists (select 1 from CareTeamMemberEntity m where m.key.patientId = e.patientId"
                        + " and m.key.clinicianId = :clinician)", "clinician", clinician.value());
        return query.page(entityManager, "e.raisedAt, e.id", page).map(EscalationPersistenceAdapter::toDomain);
    }

    private static Escalation toDomain(EscalationEntity entity) {
        return new Escalation(new EscalationId(entity.id), new CareSessionId(entity.sessionId),
                new PatientId(entity.patientId), new CrisisSignal(entity.category, entity.evidence), entity.utterance,
                entity.raisedAt, entity.state,
                entity.acknowledgedBy == null ? null : new ClinicianId(entity.acknowledgedBy), entity.acknowledgedAt,
                entity.resolvedBy == null ? null : new ClinicianId(entity.resolvedBy), entity.resolvedAt,
                entity.resolution);
    }
}
