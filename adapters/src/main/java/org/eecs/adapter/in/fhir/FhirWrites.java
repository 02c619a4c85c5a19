package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ReceivingHospitalRecords.RegisterHospitalPatient;
import org.eecs.application.port.in.ReceivingHospitalRecords.Registration;
import org.eecs.application.port.in.ReceivingHospitalRecords;
import org.eecs.application.port.records.CareRecord;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The writes the hospital's information system needs: create a Patient under its own identifier (conditionally,
 * with {@code If-None-Exist: identifier=system|value}), record a Consent (create), and record the next version of a
 * patient's Consent against the version it last saw (update with {@code If-Match: W/"n"}; 412 if it moved on).
 */
@RestController
@Hidden // FHIR, described by its CapabilityStatement and docs/fhir.md, not by the clinician API's OpenAPI
@RequestMapping(path = "/fhir", consumes = {"application/fhir+json", "application/json"})
class FhirWrites {

    private static final Pattern IDENTIFIER_CRITERIA = Pattern.compile("^(?:(?:.*/)?Patient\\?)?identifier=([^&]+)$");
    private static final Pattern WEAK_ETAG = Pattern.compile("^(?:W/)?\"([0-9]{1,18})\"$");

    private final ReceivingHospitalRecords receiving;
    private final FhirContext fhir;
    private final FhirInput input;

    FhirWrites(ReceivingHospitalRecords receiving, FhirContext fhir) {
        this.receiving = receiving;
        this.fhir = fhir;
        this.input = new FhirInput(fhir);
    }

    @PostMapping("/Patient")
    ResponseEntity<String> createPatient(@RequestBody String body,
                                         @RequestHeader(name = "If-None-Exist", required = false) String ifNoneExist,
                                         HttpServletRequest request, HttpServletResponse response) {
        Patient patient = input.parse(Patient.class, body);
        Caller caller = FhirCallers.of(request, response, Role.INTEGRATION);
        RegisterHospitalPatient command = input.patient(caller, patient, ifNoneExist != null);
        if (ifNoneExist != null) {
            requireSameIdentifier(ifNoneExist, command);
        }
        Registration registration = receiving.registerPatient(command);
        CareRecord registered = registration.patient();
        return FhirAnswers.resource(fhir, registered, registration.created() ? 201 : 200, location(registered));
    }

    @PostMapping("/Consent")
    ResponseEntity<String> createConsent(@RequestBody String body, HttpServletRequest request,
                                         HttpServletResponse response) {
        Consent consent = input.parse(Consent.class, body);
        CareRecord recorded = receiving.recordConsent(
                input.consent(FhirCallers.of(request, response, Role.INTEGRATION), consent, null));
        return FhirAnswers.resource(fhir, recorded, 201, location(recorded));
    }

    /** The id of a patient's Consent is the patient's id; each update records its next version. */
    @PutMapping("/Consent/{id}")
    ResponseEntity<String> updateConsent(@PathVariable String id, @RequestBody String body,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         HttpServletRequest request, HttpServletResponse response) {
        Consent consent = input.parse(Consent.class, body);
        if (!consent.hasIdElement() || !id.equals(consent.getIdElement().getIdPart())) {
            throw FhirRequestProblem.invalid("the Consent's id must be the id in the URL, " + id);
        }
        PatientId patient = FhirInput.patientOf(consent);
        if (!patient.toString().equals(id)) {
            throw FhirRequestProblem.invalid("a patient's Consent has the patient's id: Consent/" + patient);
        }
        Long expected = null;
        if (ifMatch != null) {
            Matcher version = WEAK_ETAG.matcher(ifMatch.strip());
            if (!version.matches()) {
                throw FhirRequestProblem.invalid("If-Match must name a version as W/\"n\", got " + ifMatch);
            }
            expected = Long.parseLong(version.group(1));
        }
        CareRecord recorded = receiving.recordConsent(
                input.consent(FhirCallers.of(request, response, Role.INTEGRATION), consent, expected));
        return FhirAnswers.resource(fhir, recorded, recorded.version() == 1 ? 201 : 200, location(recorded));
    }

    private static void requireSameIdentifier(String ifNoneExist, RegisterHospitalPatient command) {
        Matcher criteria = IDENTIFIER_CRITERIA.matcher(ifNoneExist.strip());
        String identifier = criteria.matches()
                ? java.net.URLDecoder.decode(criteria.group(1), java.nio.charset.StandardCharsets.UTF_8) : null;
        if (identifier == null || !identifier.equals(command.identifier().toString())) {
            throw FhirRequestProblem.invalid("If-None-Exist is identifier=system|value with the identifier of the "
                    + "Patient sent (" + command.identifier() + "), got " + ifNoneExist);
        }
    }

    private static String location(CareRecord record) {
        return FhirController.base() + "/" + FhirResources.resourceType(record.type()) + "/" + record.id()
                + "/_history/" + record.version();
    }
}
