package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.SharingAuditTrail;
import org.eecs.application.port.in.SharingAuditTrail.AuditEventPage;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.Role;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail as FHIR AuditEvents (IHE BALP style, see {@link FhirAuditEvents}) for auditors and the hospital's
 * information system: read (and vread of the only version, 1) and search, keyset-paged by sequence number. Every
 * read and search is audited with each patient whose events it showed.
 */
@RestController
@Hidden // FHIR, described by its CapabilityStatement and docs/fhir.md, not by the clinician API's OpenAPI
@RequestMapping("/fhir/AuditEvent")
class AuditEventController {

    private static final Role[] READERS = {Role.AUDITOR, Role.INTEGRATION};

    private final SharingAuditTrail trail;
    private final FhirContext fhir;

    AuditEventController(SharingAuditTrail trail, FhirContext fhir) {
        this.trail = trail;
        this.fhir = fhir;
    }

    @GetMapping("/{id}")
    ResponseEntity<String> read(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        long sequence = FhirAuditSearch.sequence(id)
                .orElseThrow(() -> FhirRequestProblem.notFound("no AuditEvent " + id));
        ChainedAuditEvent event = trail.read(FhirCallers.of(request, response, READERS), sequence);
        return ResponseEntity.ok().contentType(FhirAnswers.FHIR_JSON)
                .eTag("W/\"1\"")
                .lastModified(event.event().at())
                .body(fhir.newJsonParser().encodeResourceToString(FhirAuditEvents.of(event)));
    }

    @GetMapping("/{id}/_history/{version}")
    ResponseEntity<String> readVersion(@PathVariable String id, @PathVariable String version,
                                       HttpServletRequest request, HttpServletResponse response) {
        if (!version.equals("1")) {
            throw FhirRequestProblem.notFound("no version " + version + " of AuditEvent/" + id
                    + ": an audit event is never changed, its only version is 1");
        }
        return read(id, request, response);
    }

    @GetMapping
    ResponseEntity<String> search(@RequestParam MultiValueMap<String, String> parameters,
                                  HttpServletRequest request, HttpServletResponse response) {
        FhirAuditSearch search = FhirAuditSearch.parse(parameters);
        Caller caller = FhirCallers.of(request, response, READERS);
        String query = "AuditEvent" + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        AuditEventPage page = trail.search(caller, search.filter(), search.paging(), query);
        Bundle bundle = FhirController.searchset("AuditEvent", request);
        if (page.hasNext() && page.last() != null) {
            bundle.addLink().setRelation("next").setUrl(FhirController.pageLink("AuditEvent", parameters,
                    FhirSearch.AFTER, page.last().toString()));
        }
        if (page.hasPrevious() && page.first() != null) {
            bundle.addLink().setRelation("previous").setUrl(FhirController.pageLink("AuditEvent", parameters,
                    FhirSearch.BEFORE, page.first().toString()));
        }
        String base = FhirController.base();
        for (ChainedAuditEvent event : page.events()) {
            bundle.addEntry().setFullUrl(base + "/AuditEvent/" + event.sequence())
                    .setResource(FhirAuditEvents.of(event))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return FhirAnswers.ok(fhir.newJsonParser().encodeResourceToString(bundle));
    }
}
