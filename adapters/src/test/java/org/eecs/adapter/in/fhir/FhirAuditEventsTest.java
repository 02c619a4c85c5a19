package org.eecs.adapter.in.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.export.AuditRecordFormat;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.eecs.testing.FhirValidation;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** Audit events as AuditEvent resources and Bundles: valid R4, whatever the event holds. */
class FhirAuditEventsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant AT = Instant.parse("2026-11-25T09:30:00.123456Z");

    /** A chain of events of every action, outcome and role, with and without patient, purpose, address, request. */
    static List<ChainedAuditEvent> variety() {
        List<ChainedAuditEvent> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        int i = 0;
        for (AuditAction action : AuditAction.values()) {
            for (AuditOutcome outcome : AuditOutcome.values()) {
                Role role = Role.values()[i % Role.values().length];
                boolean odd = i % 2 == 1;
                AuditEvent event = new AuditEvent(new Actor("actor-" + i, role), action,
                        odd ? EntityRef.patient(PatientId.newId()) : new EntityRef("CareSession", "s-" + i),
                        odd ? PatientId.newId() : null, outcome, AT.plusMillis(i), odd ? "10.0.0." + i : "ward-pc",
                        odd ? "treatment" : null, odd ? null : "req-" + i);
                ChainedAuditEvent chained = AuditChain.link(i + 1, previous, event);
                chain.add(chained);
                previous = chained.hash();
                i++;
            }
        }
        return chain;
    }

    @Test
    void everyKindOfEventIsAValidAuditEvent() {
        for (ChainedAuditEvent event : variety()) {
            org.hl7.fhir.r4.model.AuditEvent resource = FhirAuditEvents.of(event);
            assertThat(FhirValidation.errorsIn(resource))
                    .as(FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource)).isEmpty();
        }
    }

    @Test
    void theTimeIsKeptToTheMicrosecond() {
        String json = FHIR.newJsonParser().encodeResourceToString(FhirAuditEvents.of(variety().getFirst()));
        assertThat(json).contains("\"recorded\":\"2026-11-25T09:30:00.123456Z\"");
    }

    @Test
    void aBundleOfEventsIsAValidCollection() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditRecordFormat.RecordWriter writer = new AuditEventBundleFormat().start(bytes);
        variety().forEach(writer::event);
        writer.end();
        String json = bytes.toString(StandardCharsets.UTF_8);

        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).hasSize(variety().size());
        assertThat(FhirValidation.errorsIn(bundle)).as(json).isEmpty();
    }
}
