package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.eecs.application.port.out.Consents;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class ConsentPersistenceAdapter implements Consents {

    private final ConsentRepository consents;
    private final EntityManager entityManager;

    ConsentPersistenceAdapter(ConsentRepository consents, EntityManager entityManager) {
        this.consents = consents;
        this.entityManager = entityManager;
    }

    @Override
    @Transactional(readOnly = true)
    public ConsentHistory historyOf(PatientId patient) {
        return new ConsentHistory(patient, consents.historyWithScopes(patient.value()).stream()
                .map(entity -> new Consent(patient, entity.key.version(), entity.status, entity.scopes,
                        entity.effectiveFrom, new ClinicianId(entity.recordedBy),
                        entity.recordingRetentionSeconds == null ? null
                                : Duration.ofSeconds(entity.recordingRetentionSeconds)))
                .toList());
    }

    /** Persists (never merges): a second writer of the same version fails on the primary key. */
    @Override
    public void append(Consent next) {
        ConsentEntity entity = new ConsentEntity();
        entity.key = new ConsentEntity.Key(next.patient().value(), next.version());
        entity.status = next.status();
        entity.effectiveFrom = next.effectiveFrom();
        entity.recordedBy = next.recordedBy().value();
        entity.recordingRetentionSeconds =
                next.recordingRetention() == null ? null : next.recordingRetention().toSeconds();
        entity.scopes.addAll(next.scopes());
        entityManager.persist(entity);
        entityManager.flush();
    }
}
