package org.eecs.adapter.in.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.FhirValidation;
import org.eecs.testing.IntegrationTest;
import org.eecs.testing.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Every refusal under /fhir is an OperationOutcome with the status FHIR expects, and changes nothing. */
@IntegrationTest
class FhirErrorsTest {

    @Value("${local.server.port}")
    int port;

    private Api api;
    private String integration;

    @BeforeEach
    void connect() {
        api = Api.onPort(port);
        integration = TestIssuer.user(FhirFixtures.unique("his"), "integration");
    }

    private static void assertOutcome(Answer answer, int status, String issueCode) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/fhir+json");
        assertThat(answer.json().get("resourceType").asString()).isEqualTo("OperationOutcome");
        assertThat(answer.json().get("issue").get(0).get("code").asString()).isEqualTo(issueCode);
        assertThat(FhirValidation.errorsIn(answer.body())).isEmpty();
    }

    private String patient(String mrn) {
        Answer created = api.post("/fhir/Patient").token(integration).header("Content-Type", "application/fhir+json")
                .json(patientJson(mrn)).header("Content-Type", "application/fhir+json").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static String patientJson(String mrn) {
        return """
                {"resourceType": "Patient", "identifier": [{"system": "urn:oid:1.2.3.4", "value": "%s"}],
                 "name": [{"text": "Ash"}], "gender": "other", "birthDate": "1990",
                 "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "de"}]}}]}"""
                .formatted(mrn);
    }

    private static String consentJson(String patient, String id, String scope) {
        return """
                {"resourceType": "Consent", %s "status": "active",
                 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                                       "code": "patient-privacy"}]},
                 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                 "patient": {"reference": "Patient/%s"},
                 "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                                            "code": "OPTIN"}]},
                 "provision": {"type": "permit", "provision": [{"type": "permit", "action": [{"coding": [
                     {"system": "urn:eecs:fhir:CodeSystem:eecs-consent-scope", "code": "%s"}]}]}]}}"""
                .formatted(id == null ? "" : "\"id\": \"" + id + "\",", patient, scope);
    }

    @Test
    void anUnknownSearchParameter_is400() {
        assertOutcome(api.get("/fhir/Observation?colour=blue").token(integration).send(), 400, "invalid");
    }

    @Test
    void anUnknownResourceOrResourceType_is404() {
        assertOutcome(api.get("/fhir/Patient/" + java.util.UUID.randomUUID()).token(integration).send(), 404,
                "not-found");
        assertOutcome(api.get("/fhir/Observation/emotion-999999999").token(integration).send(), 404, "not-found");
        assertOutcome(api.get("/fhir/Medication").token(integration).send(), 404, "not-found");
    }

    @Test
    void invalidJson_is400_andRegistersNobody() {
        Answer answer = api.post("/fhir/Patient").token(integration).json("{\"resourceType\": \"Patient\", ")
                .header("Content-Type", "application/fhir+json").send();
        assertOutcome(answer, 400, "structure");
        assertOutcome(api.post("/fhir/Patient").token(integration).json("{\"resourceType\": \"Patient\", "
                + "\"colour\": \"blue\"}").header("Content-Type", "application/fhir+json").send(), 400, "structure");
    }

    @Test
    void aWrongContentType_is415_andAnAcceptOfXmlOnly_is406() {
        assertOutcome(api.post("/fhir/Patient").token(integration).json("<Patient xmlns=\"http://hl7.org/fhir\"/>")
                .header("Content-Type", "application/fhir+xml").send(), 415, "not-supported");
        assertOutcome(api.get("/fhir/Patient").token(integration).header("Accept", "application/fhir+xml").send(),
                406, "not-supported");
    }

    @Test
    void anUpdateAgainstAVersionNoLongerCurrent_is412() {
        String patient = patient(FhirFixtures.unique("mrn"));
        Answer first = api.put("/fhir/Consent/" + patient).token(integration)
                .json(consentJson(patient, patient, "audio-capture")).header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"0\"").send();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("ETag")).isEqualTo("W/\"1\"");
        Answer second = api.put("/fhir/Consent/" + patient).token(integration)
                .json(consentJson(patient, patient, "video-capture")).header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"1\"").send();
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().get("meta").get("versionId").asString()).isEqualTo("2");

        Answer stale = api.put("/fhir/Consent/" + patient).token(integration)
                .json(consentJson(patient, patient, "research-use")).header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"1\"").send();

        assertOutcome(stale, 412, "conflict");
        Answer current = api.get("/fhir/Consent/" + patient).token(integration).send();
        assertThat(current.json().get("meta").get("versionId").asString()).isEqualTo("2");
        Answer firstVersion = api.get("/fhir/Consent/" + patient + "/_history/1").token(integration).send();
        assertThat(firstVersion.status()).isEqualTo(200);
        assertThat(FhirValidation.errorsIn(firstVersion.body())).isEmpty();
    }

    @Test
    void aHospitalIdentifierRegisteredTwiceWithoutIfNoneExist_is409() {
        String mrn = FhirFixtures.unique("mrn");
        patient(mrn);
        assertOutcome(api.post("/fhir/Patient").token(integration).json(patientJson(mrn))
                .header("Content-Type", "application/fhir+json").send(), 409, "duplicate");
    }

    @Test
    void withoutAToken_is401_andWithTheWrongRole_is403() {
        assertOutcome(api.get("/fhir/Patient").send(), 401, "login");
        assertOutcome(api.get("/fhir/Patient").token(TestIssuer.user(FhirFixtures.unique("robot"), "robot")).send(),
                403, "forbidden");
        assertOutcome(api.post("/fhir/Patient").token(TestIssuer.user(FhirFixtures.unique("dr"), "clinician"))
                .json(patientJson("x")).header("Content-Type", "application/fhir+json").send(), 403, "forbidden");
    }

    @Test
    void badSearchValues_are400() {
        assertOutcome(api.get("/fhir/Encounter?date=yesterday").token(integration).send(), 400, "invalid");
        assertOutcome(api.get("/fhir/Observation?_count=0").token(integration).send(), 400, "invalid");
        assertOutcome(api.get("/fhir/Observation?_sort=code").token(integration).send(), 400, "not-supported");
        assertOutcome(api.get("/fhir/Observation?_after=garbage").token(integration).send(), 400, "invalid");
    }
}
