package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ReceivingHospitalRecords.RecordHospitalConsent;
import org.eecs.application.port.in.ReceivingHospitalRecords.RegisterHospitalPatient;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.PatientId;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources the hospital sends (Patient and Consent), read strictly (an unknown element or a malformed value
 * is refused, not dropped) and turned into the commands of the use cases. What our records cannot hold is refused
 * with a reason rather than silently lost.
 */
final class FhirInput {

    private final FhirContext fhir;

    FhirInput(FhirContext fhir) {
        this.fhir = fhir;
    }

    <T extends Resource> T parse(Class<T> type, String body) {
        if (body == null || body.isBlank()) {
            throw new FhirRequestProblem(400, org.hl7.fhir.r4.model.OperationOutcome.IssueType.REQUIRED,
                    "the body must be a " + type.getSimpleName() + " resource");
        }
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        return parser.parseResource(type, body);
    }

    RegisterHospitalPatient patient(Caller caller, Patient patient, boolean onlyIfAbsent) {
        List<Identifier> identifiers = patient.getIdentifier();
        if (identifiers.size() != 1 || !identifiers.get(0).hasSystem() || !identifiers.get(0).hasValue()) {
            throw FhirRequestProblem.invalid("a Patient carries exactly one identifier, with system and value: the "
                    + "hospital's identifier of the patient");
        }
        HospitalIdentifier identifier = hospitalIdentifier(identifiers.get(0).getSystem(),
                identifiers.get(0).getValue());
        if (!patient.hasName()) {
            throw FhirRequestProblem.invalid("a Patient needs a name: the alias (pseudonym) we know the patient by");
        }
        HumanName name = patient.getNameFirstRep();
        String alias = name.hasText() ? name.getText() : name.getNameAsSingleString();
        if (!patient.hasBirthDate()) {
            throw FhirRequestProblem.invalid("a Patient needs a birthDate (the year is all that is kept)");
        }
        int birthYear = patient.getBirthDateElement().getYear();
        String language = patient.getCommunication().stream()
                .filter(communication -> communication.getPreferred())
                .findFirst()
                .or(() -> patient.getCommunication().stream().findFirst())
                .map(communication -> communication.getLanguage().getCoding().stream().map(Coding::getCode)
                        .findFirst().orElse(communication.getLanguage().getText()))
                .orElseThrow(() -> FhirRequestProblem.invalid("a Patient needs communication.language: the "
                        + "language the robot speaks with the patient (BCP-47, such as en or zh-CN)"));
        return new RegisterHospitalPatient(caller, identifier, alias, birthYear, gender(patient), language,
                onlyIfAbsent);
    }

    RecordHospitalConsent consent(Caller caller, Consent consent, Long expectedVersion) {
        PatientId patient = patientOf(consent);
        ConsentStatus status = switch (consent.getStatus() == null ? "" : consent.getStatus().toCode()) {
            case "active" -> ConsentStatus.GRANTED;
            case "inactive" -> ConsentStatus.WITHDRAWN;
            default -> throw FhirRequestProblem.invalid("a Consent here is active (a grant of the scopes in its "
                    + "provisions) or inactive (a withdrawal of every scope), got status "
                    + (consent.getStatus() == null ? "none" : consent.getStatus().toCode()));
        };
        Set<ConsentScope> scopes = EnumSet.noneOf(ConsentScope.class);
        Duration retention = null;
        for (Consent.ProvisionComponent provision : consent.getProvision().getProvision()) {
            if (provision.getType() != Consent.ConsentProvisionType.PERMIT) {
                throw FhirRequestProblem.invalid("each nested provision permits one scope of "
                        + FhirCodes.CONSENT_SCOPE.url());
            }
            for (var action : provision.getAction()) {
                for (Coding coding : action.getCoding()) {
                    if (!FhirCodes.CONSENT_SCOPE.url().equals(coding.getSystem())
                            || FhirCodes.scopeOf(coding.getCode()).isEmpty()) {
                        throw FhirRequestProblem.invalid("unknown consent scope " + coding.getSystem() + "|"
                                + coding.getCode() + "; the scopes are those of " + FhirCodes.CONSENT_SCOPE.url());
                    }
                    scopes.add(FhirCodes.scopeOf(coding.getCode()).get());
                }
            }
            Extension kept = provision.getExtensionByUrl(FhirResources.RECORDING_RETENTION_EXTENSION);
            if (kept != null) {
                retention = retention(kept);
            }
        }
        return new RecordHospitalConsent(caller, patient, status, scopes, retention, expectedVersion);
    }

    static PatientId patientOf(Consent consent) {
        String reference = consent.getPatient().getReference();
        if (reference == null || !reference.startsWith("Patient/")) {
            throw FhirRequestProblem.invalid("a Consent names its patient: patient.reference Patient/{id}");
        }
        try {
            return PatientId.of(reference.substring("Patient/".length()));
        } catch (DomainViolation notOurs) {
            throw FhirRequestProblem.invalid("patient " + reference + " is not a Patient of this server");
        }
    }

    private static HospitalIdentifier hospitalIdentifier(String system, String value) {
        try {
            return new HospitalIdentifier(system, value);
        } catch (DomainViolation invalid) {
            throw FhirRequestProblem.invalid(invalid.getMessage());
        }
    }

    private static Gender gender(Patient patient) {
        if (!patient.hasGender()) {
            return Gender.UNDISCLOSED;
        }
        return switch (patient.getGender()) {
            case FEMALE -> Gender.FEMALE;
            case MALE -> Gender.MALE;
            case OTHER -> Gender.OTHER;
            default -> Gender.UNDISCLOSED;
        };
    }

    private static Duration retention(Extension extension) {
        if (!(extension.getValue() instanceof Quantity quantity) || !quantity.hasValue()
                || !FhirCodes.UCUM.equals(quantity.getSystem())) {
            throw FhirRequestProblem.invalid("the recording retention is a valueDuration in UCUM units");
        }
        long seconds = switch (quantity.getCode() == null ? "" : quantity.getCode()) {
            case "s" -> 1;
            case "min" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "wk" -> 604_800;
            default -> throw FhirRequestProblem.invalid("the recording retention is in s, min, h, d or wk");
        };
        return Duration.ofSeconds(quantity.getValue().multiply(java.math.BigDecimal.valueOf(seconds)).longValueExact());
    }
}
