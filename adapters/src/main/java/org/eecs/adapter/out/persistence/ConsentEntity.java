package org.eecs.adapter.out.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;

@Entity
@Table(name = "consent")
class ConsentEntity {

    @EmbeddedId
    Key key;

    @Enumerated(EnumType.STRING)
    ConsentStatus status;

    @Column(name = "effective_from")
    Instant effectiveFrom;

    @Column(name = "recorded_by")
    String recordedBy;

    @Column(name = "recording_retention_seconds")
    Long recordingRetentionSeconds;

    @ElementCollection
    @CollectionTable(name = "consent_scope", joinColumns = {
            @JoinColumn(name = "patient_id", referencedColumnName = "patient_id"),
            @JoinColumn(name = "version", referencedColumnName = "version")})
    @Enumerated(EnumType.STRING)
    @Column(name = "scope")
    Set<ConsentScope> scopes = EnumSet.noneOf(ConsentScope.class);

    @Embeddable
    record Key(@Column(name = "patient_id") UUID patientId, @Column(name = "version") int version) {
    }
}
