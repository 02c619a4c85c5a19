package org.eecs.adapter.in.fhir;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.in.NotFound;
import org.eecs.domain.DomainViolation;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Any FHIR search (resource type, parameter names with modifiers, values with prefixes, keyset tokens): read into a
 * search, or refused as an OperationOutcome (400, 404 or 422); nothing else may escape (a 500).
 */
class FhirSearchFuzzTest {

    private static final List<String> TYPES = List.of("Patient", "Encounter", "Observation", "Consent", "Device",
            "AuditEvent", "Practitioner");
    private static final List<String> NAMES = List.of("_id", "_lastUpdated", "_count", "_sort", "_format", "_after",
            "_before", "_include", "patient", "subject", "encounter", "date", "status", "identifier", "code",
            "category", "name");

    @FuzzTest(maxDuration = "3m")
    void anySearch_isReadOrRefusedAsAnOperationOutcome(FuzzedDataProvider data) {
        String type = data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeString(20);
        MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) + (data.consumeBoolean() ? ""
                    : ":" + data.consumeString(12)) : data.consumeString(16);
            parameters.add(name, data.consumeString(80));
        }
        try {
            FhirSearch.typesOf(type);
            FhirSearch.parse(type, parameters);
        } catch (FhirRequestProblem | InvalidRequest | DomainViolation | NotFound refused) {
            // an OperationOutcome (FhirErrors)
        }
    }
}
