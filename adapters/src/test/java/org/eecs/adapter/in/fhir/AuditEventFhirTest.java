package org.eecs.adapter.in.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eecs.testing.FhirValidation;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail as FHIR AuditEvents, through HAPI's generic client against the running server: auditors and the
 * hospital's system read and search it page by page, IHE BALP style (the patient in an entity, the agent with its
 * role, the server as source observer), every resource valid R4, and every look at it audited with each patient it
 * showed.
 */
@IntegrationTest
class AuditEventFhirTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Value("${local.server.port}")
    int port;
    @Autowired
    JdbcClient jdbc;

    private String integrationUser;
    private IGenericClient hospital;
    private String auditorUser;
    private IGenericClient auditor;

    @BeforeEach
    void connect() {
        integrationUser = FhirFixtures.unique("his");
        hospital = FhirFixtures.client(port, TestIssuer.user(integrationUser, "integration"));
        auditorUser = FhirFixtures.unique("auditor");
        auditor = FhirFixtures.client(port, TestIssuer.user(auditorUser, "auditor"));
    }

    private static <T extends IBaseResource> T valid(T resource) {
        assertThat(FhirValidation.errorsIn(resource)).as(FHIR.newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(resource)).isEmpty();
        return resource;
    }

    /** A patient the hospital's system registers and then reads three times: four audit events about them. */
    private String patientReadThrice() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:oid:1.2.3.4").setValue(FhirFixtures.unique("mrn"));
        patient.addName(new HumanName().setText("Iris"));
        patient.setBirthDateElement(new DateType("1949"));
        patient.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
        String id = hospital.create().resource(patient).execute().getId().getIdPart();
        for (int i = 0; i < 3; i++) {
            hospital.read().resource(Patient.class).withId(id).execute();
        }
        return id;
    }

    private Bundle search(IGenericClient client, String query) {
        return client.search().byUrl("AuditEvent?" + query).returnBundle(Bundle.class).execute();
    }

    private static List<AuditEvent> events(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> (AuditEvent) entry.getResource()).toList();
    }

    @Test
    void anAuditorPagesThroughAPatientsEvents_asValidAuditEvents_andBackAgain() {
        String patient = patientReadThrice();

        Bundle page = search(auditor, "patient=Patient/" + patient + "&altid=" + integrationUser + "&_count=3");
        List<AuditEvent> seen = new ArrayList<>(events(valid(page)));
        Bundle last = page;
        while (last.getLink(Bundle.LINK_NEXT) != null) {
            last = valid(auditor.loadPage().next(last).execute());
            seen.addAll(events(last));
        }

        assertThat(seen).extracting(event -> event.getAction().toCode()).containsExactly("C", "R", "R", "R");
        assertThat(seen).extracting(event -> Long.parseLong(event.getIdPart())).isSorted();
        assertThat(seen).allSatisfy(event -> {
            assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
            assertThat(event.getAgentFirstRep().getAltId()).isEqualTo(integrationUser);
            assertThat(event.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode())
                    .isEqualTo("integration");
            assertThat(event.getEntity()).anySatisfy(entity -> {
                assertThat(entity.getWhat().getReference()).isEqualTo("Patient/" + patient);
                assertThat(entity.getRole().getCode()).isEqualTo("1");
            });
            assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("EECS");
            assertThat(event.getOutcome().toCode()).isEqualTo("0");
        });
        Bundle back = auditor.loadPage().previous(last).execute();
        assertThat(events(back)).extracting(AuditEvent::getIdPart)
                .containsExactlyElementsOf(seen.subList(0, 3).stream().map(AuditEvent::getIdPart).toList());
    }

    @Test
    void aReadEventCarriesItsPlaceInTheChain_asStoredInTheDatabase() {
        String patient = patientReadThrice();
        long sequence = jdbc.sql("select max(sequence) from audit_event where patient_id = ?::uuid")
                .param(patient).query(Long.class).single();

        AuditEvent event = valid(auditor.read().resource(AuditEvent.class).withId(Long.toString(sequence))
                .execute());

        Extension chain = event.getExtensionByUrl(FhirAuditEvents.CHAIN);
        String hash = jdbc.sql("select hash from audit_event where sequence = ?").param(sequence)
                .query(String.class).single();
        assertThat(((StringType) chain.getExtensionByUrl("hash").getValue()).getValue()).isEqualTo(hash);
        assertThat(event.getMeta().getVersionId()).isEqualTo("1");
        assertThat(valid(auditor.read().resource(AuditEvent.class).withIdAndVersion(Long.toString(sequence), "1")
                .execute()).getIdPart()).isEqualTo(Long.toString(sequence));
        assertThatThrownBy(() -> auditor.read().resource(AuditEvent.class).withId("999999999999").execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void everyReadAndSearchOfTheTrailIsAudited_withEachPatientItShowed() {
        String patient = patientReadThrice();
        long sequence = jdbc.sql("select min(sequence) from audit_event where patient_id = ?::uuid")
                .param(patient).query(Long.class).single();

        search(auditor, "patient=" + patient);
        auditor.read().resource(AuditEvent.class).withId(Long.toString(sequence)).execute();

        List<String> audited = jdbc.sql("select action || ' ' || entity_type || ' ' || outcome from audit_event"
                        + " where actor_id = ? and patient_id = ?::uuid order by sequence")
                .params(auditorUser, patient).query(String.class).list();
        assertThat(audited).containsExactly("READ AuditEventSearch SUCCESS", "READ AuditEvent SUCCESS");
    }

    @Test
    void theHospitalsSystemMaySearchTheTrailToo_aClinicianMayNot() {
        String patient = patientReadThrice();

        assertThat(events(valid(search(hospital, "patient=" + patient + "&action=C")))).singleElement()
                .satisfies(event -> assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("create"));
        IGenericClient clinician = FhirFixtures.client(port, TestIssuer.user(FhirFixtures.unique("dr"),
                "clinician"));
        assertThatThrownBy(() -> search(clinician, "patient=" + patient))
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void searchParametersNarrowTheTrail_andWhatIsNotOfferedIsRefused() {
        Instant start = Instant.now().minusSeconds(1);
        String patient = patientReadThrice();
        // a clinician outside the care team is refused the patient: a denied event about them
        assertThatThrownBy(() -> FhirFixtures.client(port, TestIssuer.user(FhirFixtures.unique("dr"), "clinician"))
                .read().resource(Patient.class).withId(patient).execute())
                .isInstanceOf(ResourceNotFoundException.class);

        assertThat(events(search(auditor, "patient=" + patient + "&outcome=4"))).singleElement()
                .satisfies(event -> assertThat(event.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep()
                        .getCode()).isEqualTo("clinician"));
        assertThat(events(search(auditor, "patient=" + patient + "&agent-role=integration&date=ge" + start)))
                .hasSize(4);
        assertThat(events(search(auditor, "patient=" + patient + "&date=lt2000-01-01"))).isEmpty();
        assertThat(events(search(auditor, "patient=" + patient + "&action=D"))).isEmpty();
        assertThat(events(search(auditor, "patient=" + patient + "&altid=" + integrationUser
                + "&_sort=-date&_count=1"))).singleElement()
                .satisfies(event -> assertThat(event.getAction().toCode()).isEqualTo("R"));
        assertThatThrownBy(() -> search(auditor, "colour=blue")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> search(auditor, "action=C,R")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theCapabilityStatementOffersAuditEvent_andItsCodeSystemsAreServed() {
        CapabilityStatement capabilities = auditor.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("AuditEvent"))
                .singleElement().satisfies(resource -> assertThat(resource.getSearchParam())
                        .extracting(parameter -> parameter.getName())
                        .contains("date", "patient", "altid", "agent-role", "action", "outcome"));
        for (String id : List.of("eecs-audit-action", "eecs-role")) {
            valid(auditor.read().resource(org.hl7.fhir.r4.model.CodeSystem.class).withId(id).execute());
        }
    }
}
