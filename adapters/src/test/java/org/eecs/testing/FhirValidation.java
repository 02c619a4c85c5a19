package org.eecs.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's FHIR validator against base R4 (the core structure definitions, value sets and code systems that
 * {@code hapi-fhir-validation-resources-r4} ships), built once for the whole test run: its first use costs
 * seconds and more than a gigabyte of allocation, later ones a fraction of a second.
 */
public final class FhirValidation {

    private static FhirValidator validator;

    private FhirValidation() {
    }

    /** The errors (and fatal errors) the validator finds in the resource; empty when it is valid R4. */
    public static List<String> errorsIn(IBaseResource resource) {
        return validator().validateWithResult(resource).getMessages().stream()
                .filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
                        || message.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::describe)
                .toList();
    }

    /** As {@link #errorsIn}, for a resource as JSON text. */
    public static List<String> errorsIn(String json) {
        return errorsIn(FhirContext.forR4Cached().newJsonParser().parseResource(json));
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext fhir = FhirContext.forR4Cached();
            ValidationSupportChain support = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(fhir),
                    new CommonCodeSystemsTerminologyService(fhir),
                    new InMemoryTerminologyServerValidationSupport(fhir),
                    new SnapshotGeneratingValidationSupport(fhir));
            FhirValidator built = fhir.newValidator();
            built.registerValidatorModule(new FhirInstanceValidator(support));
            validator = built;
        }
        return validator;
    }
}
