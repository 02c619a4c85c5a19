package org.eecs.adapter.in.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.testing.FhirValidation;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hospital IT's view, through HAPI's generic FHIR client against the running server: reads, searches across
 * pages, conditional create, consent, $everything. Every resource the server returns validates against base R4.
 */
@IntegrationTest
class FhirClientTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String MRN = "https://hospital.example/mrn";

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private FhirFixtures fixtures;
    private IGenericClient hospital;
    private String integrationUser;

    @BeforeEach
    void connect() {
        fixtures = new FhirFixtures(context);
        integrationUser = FhirFixtures.unique("his");
        hospital = client(TestIssuer.user(integrationUser, "integration"));
    }

    private IGenericClient client(String token) {
        return FhirFixtures.client(port, token);
    }

    private static <T extends IBaseResource> T valid(T resource) {
        assertThat(FhirValidation.errorsIn(resource)).as(FHIR.newJsonParser().setPrettyPrint(true)
                .encodeResourceToString(resource)).isEmpty();
        return resource;
    }

    private Patient hospitalPatient(String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName(new HumanName().setText("Rose"));
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1958"));
        patient.addCommunication().setPreferred(true).setLanguage(new CodeableConcept(
                new Coding("urn:ietf:bcp:47", "en", null)));
        return patient;
    }

    private PatientId register(String mrn) {
        MethodOutcome created = hospital.create().resource(hospitalPatient(mrn))
                .conditionalByUrl("Patient?identifier=" + MRN + "|" + mrn).execute();
        return PatientId.of(created.getId().getIdPart());
    }

    @Test
    void theCapabilityStatementAndOurCodeSystemsAreServedAndValid() {
        CapabilityStatement capabilities = valid(hospital.capabilities().ofType(CapabilityStatement.class).execute());
        assertThat(capabilities.getRestFirstRep().getResource()).extracting(resource -> resource.getType())
                .contains("Patient", "Encounter", "Observation", "Consent", "Device");
        for (String id : List.of("eecs-observation", "eecs-emotion-class", "eecs-consent-scope")) {
            CodeSystem system = valid(hospital.read().resource(CodeSystem.class).withId(id).execute());
            assertThat(system.getUrl()).isEqualTo("urn:eecs:fhir:CodeSystem:" + id);
        }
    }

    @Test
    void conditionalCreate_registersOnce_andAnswersTheSamePatientAfterwards() {
        String mrn = FhirFixtures.unique("mrn");
        MethodOutcome first = hospital.create().resource(hospitalPatient(mrn))
                .conditionalByUrl("Patient?identifier=" + MRN + "|" + mrn).execute();
        MethodOutcome again = hospital.create().resource(hospitalPatient(mrn))
                .conditionalByUrl("Patient?identifier=" + MRN + "|" + mrn).execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        Patient read = valid(hospital.read().resource(Patient.class).withId(first.getId().getIdPart()).execute());
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(mrn);
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        assertThat(read.getBirthDateElement().getYear()).isEqualTo(1958);
        Bundle found = hospital.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(MRN, mrn)).returnBundle(Bundle.class).execute();
        assertThat(valid(found).getEntry()).hasSize(1);
    }

    /** A registered patient with a completed session of one turn, its rating, and consent. */
    private record Cared(PatientId patient, RobotId robot, CareSession session) {
    }

    private Cared patientWithCare() {
        PatientId patient = register(FhirFixtures.unique("mrn"));
        RobotId robot = fixtures.robot();
        CareSession session = fixtures.completedSession(patient, robot);
        fixtures.turn(session, 1);
        fixtures.rating(session, 4);
        grantConsent(patient);
        return new Cared(patient, robot, session);
    }

    @Test
    void readsEveryKindOfRecord_asValidResources() {
        Cared cared = patientWithCare();
        PatientId patient = cared.patient();
        RobotId robot = cared.robot();
        CareSession session = cared.session();

        valid(hospital.read().resource(Encounter.class).withId(session.id().toString()).execute());
        Device device = valid(hospital.read().resource(Device.class).withId(robot.value()).execute());
        assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("Ward robot");
        Bundle observations = hospital.search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId("Patient/" + patient)).returnBundle(Bundle.class).execute();
        valid(observations);
        assertThat(observations.getEntry()).hasSize(3);
        for (Bundle.BundleEntryComponent entry : observations.getEntry()) {
            Observation read = valid(hospital.read().resource(Observation.class)
                    .withId(entry.getResource().getIdElement().getIdPart()).execute());
            assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + patient);
        }
        Consent consent = valid(hospital.read().resource(Consent.class).withId(patient.toString()).execute());
        assertThat(consent.getProvision().getProvision()).hasSize(2);
    }

    @Test
    void aSearchPagesThroughEveryObservation_andStaysStableWhileObservationsAreAdded() {
        PatientId patient = register(FhirFixtures.unique("mrn"));
        CareSession session = fixtures.completedSession(patient, fixtures.robot());
        for (int turn = 1; turn <= 6; turn++) {
            fixtures.turn(session, turn); // two observations each: twelve
        }

        Bundle page = hospital.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patient)).count(5).returnBundle(Bundle.class).execute();
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            valid(page);
            pages++;
            page.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().getIdPart()));
            if (pages == 1) {
                fixtures.turn(session, 7); // added while paging: comes after everything seen, so it is seen last
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = hospital.loadPage().next(page).execute();
        }

        assertThat(seen).hasSize(14).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
        Bundle back = hospital.loadPage().previous(page).execute();
        assertThat(back.getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactlyElementsOf(seen.subList(5, 10));
    }

    @Test
    void everything_bringsThePatientAndAllTheirRecords() {
        PatientId patient = patientWithCare().patient();

        Parameters answer = hospital.operation().onInstance("Patient/" + patient).named("$everything")
                .withNoParameters(Parameters.class).useHttpGet().execute();
        Bundle everything = (Bundle) answer.getParameterFirstRep().getResource();

        valid(everything);
        assertThat(everything.getEntry()).extracting(entry -> entry.getResource().fhirType())
                .containsExactly("Patient", "Consent", "Encounter", "Observation", "Observation", "Observation",
                        "Device");
    }

    @Test
    void everyReadAndSearchIsAudited_withEachPatientItTouched() {
        PatientId patient = register(FhirFixtures.unique("mrn"));
        CareSession session = fixtures.completedSession(patient, fixtures.robot());
        fixtures.turn(session, 1);

        hospital.search().forResource(Observation.class).where(Observation.PATIENT.hasId(patient.toString()))
                .returnBundle(Bundle.class).execute();
        hospital.read().resource(Patient.class).withId(patient.toString()).execute();

        List<String> audited = jdbc.sql("select action || ' ' || entity_type || ' ' || outcome from audit_event"
                        + " where actor_id = ? and patient_id = ? order by sequence")
                .params(integrationUser, patient.value()).query(String.class).list();
        assertThat(audited).containsExactly("CREATE Patient SUCCESS", "READ CareRecordSearch SUCCESS",
                "READ Patient SUCCESS");
    }

    @Test
    void aClinicianSeesOnlyTheirCareTeamsPatients() {
        PatientId patient = register(FhirFixtures.unique("mrn"));
        String drLi = FhirFixtures.unique("dr");
        String drKim = FhirFixtures.unique("dr");
        fixtures.joinCareTeam(patient, drLi);

        IGenericClient ownTeam = client(TestIssuer.user(drLi, "clinician"));
        IGenericClient otherTeam = client(TestIssuer.user(drKim, "clinician"));

        assertThat(valid(ownTeam.read().resource(Patient.class).withId(patient.toString()).execute()).getIdPart())
                .isEqualTo(patient.toString());
        assertThatThrownBy(() -> otherTeam.read().resource(Patient.class).withId(patient.toString()).execute())
                .isInstanceOf(ResourceNotFoundException.class);
        Bundle none = otherTeam.search().forResource(Patient.class).where(Patient.RES_ID.exactly()
                .code(patient.toString())).returnBundle(Bundle.class).execute();
        assertThat(none.getEntry()).isEmpty();
    }

    @Test
    void aConsentToKeepRecordings_carriesItsRetention_andValidates() {
        PatientId patient = register(FhirFixtures.unique("mrn"));
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setPatient(new Reference("Patient/" + patient));
        consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.PERMIT)
                .addAction(new CodeableConcept(new Coding("urn:eecs:fhir:CodeSystem:eecs-consent-scope",
                        "recording-retention", null)))
                .addExtension("urn:eecs:fhir:StructureDefinition:recording-retention",
                        new org.hl7.fhir.r4.model.Duration().setValue(30).setSystem("http://unitsofmeasure.org")
                                .setCode("d").setUnit("d"));
        hospital.create().resource(consent).execute();

        Consent read = valid(hospital.read().resource(Consent.class).withId(patient.toString()).execute());
        org.hl7.fhir.r4.model.Quantity retention = (org.hl7.fhir.r4.model.Quantity) read.getProvision()
                .getProvisionFirstRep().getExtensionByUrl("urn:eecs:fhir:StructureDefinition:recording-retention")
                .getValue();
        assertThat(retention.getValue().longValue()).isEqualTo(30L * 86_400);
        assertThat(retention.getCode()).isEqualTo("s");
    }

    private void grantConsent(PatientId patient) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setPatient(new Reference("Patient/" + patient));
        consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.PERMIT)
                .addAction(new CodeableConcept(new Coding("urn:eecs:fhir:CodeSystem:eecs-consent-scope",
                        "audio-capture", null)));
        consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.PERMIT)
                .addAction(new CodeableConcept(new Coding("urn:eecs:fhir:CodeSystem:eecs-consent-scope",
                        "emotion-analysis", null)));
        MethodOutcome created = hospital.create().resource(consent).execute();
        assertThat(created.getId().getIdPart()).isEqualTo(patient.toString());
    }
}
