package org.eecs.adapter.in.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.adapter.text.Utf8Out;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditChain;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;

/**
 * The export's AuditEvent JSON, written without HAPI's object model, cannot drift from the FHIR mapping: for events
 * of every action, outcome and role, every kind of entity, empty and absent fields, and hostile or non-ASCII text,
 * it is the very JSON HAPI encodes from {@link FhirAuditEvents#of}, and HAPI (R4) parses it back to a resource it
 * encodes the same.
 */
class AuditEventJsonTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant AT = Instant.parse("2026-11-25T09:30:00.123456Z");
    private static final List<String> HOSTILE = List.of("", "plain", "a \"quoted\" \\ back\\slash / slash",
            "line\nfeed\rreturn\ttab\bback\fform", "\u0000\u0001\u001f\u007f control", "=SUM(A1:A9)",
            "<script>alert(1)</script> & 'x'", "Zoë, Łódź, 東京, emoji 😀", "\u2028\u2029 separators",
            "fe80::1%eth0", "2001:db8::ff00:42:8329", "10.0.0.1", "ward-pc.local", "::1", "1234");

    static List<ChainedAuditEvent> events() {
        List<ChainedAuditEvent> chain = new ArrayList<>(FhirAuditEventsTest.variety());
        String previous = chain.getLast().hash();
        int i = 0;
        for (String text : HOSTILE) {
            for (AuditAction action : AuditAction.values()) {
                Role role = Role.values()[i % Role.values().length];
                AuditOutcome outcome = AuditOutcome.values()[i % AuditOutcome.values().length];
                boolean odd = i % 2 == 1;
                AuditEvent event = new AuditEvent(new Actor(text.isBlank() ? "actor " + i : text + i, role), action,
                        odd ? EntityRef.patient(PatientId.newId())
                                : new EntityRef("CareSession", text.isBlank() ? "id " + i : text),
                        i % 3 == 0 ? null : PatientId.newId(), outcome, AT.plusNanos(i * 1_001_000L),
                        i % 4 == 0 ? null : text, i % 5 == 0 ? null : text, i % 7 == 0 ? null : text);
                ChainedAuditEvent chained = AuditChain.link(chain.size() + 1, previous, event);
                chain.add(chained);
                previous = chained.hash();
                i++;
            }
        }
        return chain;
    }

    @Test
    void eachEventIsTheJsonHapiEncodes_andParsesBackToTheSameResource() {
        for (ChainedAuditEvent event : events()) {
            org.hl7.fhir.r4.model.AuditEvent expected = FhirAuditEvents.of(event);
            String written = written(event);

            assertThat(written).isEqualTo(FHIR.newJsonParser().encodeResourceToString(expected));
            org.hl7.fhir.r4.model.AuditEvent parsed =
                    FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.AuditEvent.class, written);
            assertThat(FHIR.newJsonParser().encodeResourceToString(parsed)).isEqualTo(written);
            assertThat(parsed.getExtensionByUrl(FhirAuditEvents.CHAIN).getExtensionString("hash"))
                    .isEqualTo(event.hash());
        }
    }

    @Test
    void addressesAreToldApartAsTheMappingTellsThem() {
        for (String address : HOSTILE) {
            assertThat(AuditEventJson.isIpAddress(address)).as(address)
                    .isEqualTo(address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*"));
        }
    }

    private static String written(ChainedAuditEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8Out out = new Utf8Out(bytes);
        AuditEventJson.write(out, event);
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
