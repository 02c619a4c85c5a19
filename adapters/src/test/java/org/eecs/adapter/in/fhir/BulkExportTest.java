package org.eecs.adapter.in.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSession;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.FhirValidation;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A bulk export round trip as hospital IT makes it: kick-off through HAPI's client with Prefer: respond-async,
 * 202 and a status URL, polling until the manifest, then every NDJSON file, each line a valid R4 resource.
 */
@IntegrationTest
class BulkExportTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Value("${local.server.port}")
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private FhirFixtures fixtures;
    private Api api;
    private String user;
    private String token;

    @BeforeEach
    void connect() {
        fixtures = new FhirFixtures(context);
        api = Api.onPort(port);
        user = FhirFixtures.unique("his");
        token = TestIssuer.user(user, "integration");
    }

    private IGenericClient client() {
        return FhirFixtures.client(port, token);
    }

    private PatientId patient() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:oid:1.2.3.4").setValue(FhirFixtures.unique("mrn"));
        patient.addName(new HumanName().setText("Sam"));
        patient.setBirthDateElement(new DateType("2001"));
        patient.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
        return PatientId.of(client().create().resource(patient).execute().getId().getIdPart());
    }

    @Test
    void anExportRoundTrip_givesAManifestAndNdjsonFilesOfValidResources() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        PatientId patient = patient();
        CareSession session = fixtures.completedSession(patient, fixtures.robot());
        fixtures.turn(session, 1);
        fixtures.rating(session, 3);

        MethodOutcome kickOff = client().operation().onServer().named("$export")
                .withParameter(Parameters.class, "_since", new org.hl7.fhir.r4.model.InstantType(
                        java.util.Date.from(since)))
                .andParameter("_type", new org.hl7.fhir.r4.model.StringType("Patient,Encounter,Observation"))
                .useHttpGet().withAdditionalHeader("Prefer", "respond-async")
                .returnMethodOutcome().execute();
        assertThat(kickOff.getResponseStatusCode()).isEqualTo(202);
        String status = kickOff.getResponseHeaders().get("content-location").get(0);

        JsonNode manifest = manifestAt(status.substring(status.indexOf("/fhir/")));

        assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
        Map<String, Integer> exported = new TreeMap<>();
        for (JsonNode output : manifest.get("output")) {
            String url = output.get("url").asString();
            Answer file = api.get(url.substring(url.indexOf("/fhir/"))).token(token).send();
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.contentType()).startsWith("application/fhir+ndjson");
            List<String> lines = file.body().lines().toList();
            assertThat(lines).hasSize(output.get("count").asInt());
            for (String line : lines) {
                Resource resource = (Resource) FHIR.newJsonParser().parseResource(line);
                assertThat(resource.fhirType()).isEqualTo(output.get("type").asString());
                assertThat(FhirValidation.errorsIn(resource)).as(line).isEmpty();
                if (resource.getIdPart().equals(patient.toString())
                        || line.contains("\"Patient/" + patient + "\"")) {
                    exported.merge(resource.fhirType(), 1, Integer::sum);
                }
            }
        }
        assertThat(exported).containsExactlyInAnyOrderEntriesOf(Map.of("Patient", 1, "Encounter", 1,
                "Observation", 3));
        List<String> audited = jdbc.sql("select entity_type || ' ' || entity_id from audit_event"
                        + " where actor_id = ? and patient_id = ? and action = 'READ' order by sequence")
                .params(user, patient.value()).query(String.class).list();
        assertThat(audited).hasSize(4).allMatch(event -> event.startsWith("BulkExport "));
    }

    @Test
    void anExportIsOnlyItsRequestersToFollow_andWithoutRespondAsyncItIsRefused() {
        Answer refused = api.get("/fhir/$export").token(token).send();
        assertThat(refused.status()).isEqualTo(400);

        Answer accepted = api.get("/fhir/$export?_type=Device").token(token).header("Prefer", "respond-async").send();
        assertThat(accepted.status()).isEqualTo(202);
        String status = accepted.header("Content-Location");
        String path = status.substring(status.indexOf("/fhir/"));
        Answer someoneElse = api.get(path).token(TestIssuer.user(FhirFixtures.unique("his"), "integration")).send();
        assertThat(someoneElse.status()).isEqualTo(404);
        assertThat(someoneElse.json().get("resourceType").asString()).isEqualTo("OperationOutcome");

        Answer cancelled = api.delete(path).token(token).send();
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(api.get(path).token(token).send().status()).isEqualTo(404);
    }

    private JsonNode manifestAt(String path) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<Integer> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            Answer answer = api.get(path).token(token).send();
            seen.add(answer.status());
            if (answer.status() == 200) {
                return answer.json();
            }
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            Thread.sleep(200);
        }
        throw new AssertionError("the export did not finish within a minute: " + seen);
    }
}
