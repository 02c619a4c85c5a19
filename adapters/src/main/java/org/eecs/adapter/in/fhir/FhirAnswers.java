package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import org.eecs.application.port.records.CareRecord;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** FHIR answers: JSON as application/fhir+json, and a resource with its version (ETag) and time of last change. */
final class FhirAnswers {

    static final MediaType FHIR_JSON = MediaType.parseMediaType(FhirErrors.FHIR_JSON);

    private FhirAnswers() {
    }

    static ResponseEntity<String> ok(String json) {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(json);
    }

    /** @param location the new version's address, for a create or update; null for a read */
    static ResponseEntity<String> resource(FhirContext fhir, CareRecord record, int status, String location) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(FHIR_JSON)
                .eTag("W/\"" + record.version() + "\"")
                .lastModified(record.lastUpdated());
        if (location != null) {
            answer.header(HttpHeaders.LOCATION, location);
            answer.location(URI.create(location));
        }
        return answer.body(fhir.newJsonParser().encodeResourceToString(FhirResources.of(record)));
    }
}
