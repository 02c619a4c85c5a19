package org.eecs.adapter.in.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.SharingCareRecords;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.RecordPage;
import org.eecs.application.port.records.RecordSearch;
import org.eecs.application.port.records.RecordType;
import org.eecs.application.port.records.TimeRange;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * FHIR R4 reads and searches for hospital IT (plain Spring MVC with HAPI's structures and JSON parser): the
 * CapabilityStatement, our code systems, read and vread, searches paged by keyset, and {@code $everything}.
 */
@RestController
@Hidden // FHIR, described by its CapabilityStatement and docs/fhir.md, not by the clinician API's OpenAPI
@RequestMapping("/fhir")
class FhirController {

    static final Role[] READERS = {Role.INTEGRATION, Role.CLINICIAN};

    private final SharingCareRecords sharing;
    private final FhirContext fhir;
    private final Date started;

    FhirController(SharingCareRecords sharing, FhirContext fhir, Clock clock) {
        this.sharing = sharing;
        this.fhir = fhir;
        this.started = Date.from(clock.instant());
    }

    @GetMapping("/metadata")
    ResponseEntity<String> metadata() {
        return FhirAnswers.ok(json(FhirCapabilities.statement(base(), started)));
    }

    @GetMapping("/CodeSystem/{id}")
    ResponseEntity<String> codeSystem(@PathVariable String id) {
        return FhirAnswers.ok(json(FhirCodes.byId(id)
                .orElseThrow(() -> FhirRequestProblem.notFound("no CodeSystem " + id + "; ours are "
                        + String.join(", ", FhirCodes.ALL.stream().map(FhirCodes.OurCodeSystem::id).toList())))
                .resource()));
    }

    @GetMapping("/{type}/{id}")
    ResponseEntity<String> read(@PathVariable String type, @PathVariable String id, HttpServletRequest request,
                                HttpServletResponse response) {
        RecordType kind = kindOf(type, id);
        return FhirAnswers.resource(fhir, sharing.read(FhirCallers.of(request, response, READERS), kind, id), 200,
                null);
    }

    @GetMapping("/{type}/{id}/_history/{version}")
    ResponseEntity<String> readVersion(@PathVariable String type, @PathVariable String id,
                                       @PathVariable String version, HttpServletRequest request,
                                       HttpServletResponse response) {
        RecordType kind = kindOf(type, id);
        if (!version.matches("[1-9][0-9]{0,17}")) {
            throw FhirRequestProblem.notFound("no version " + version + " of " + type + "/" + id);
        }
        return FhirAnswers.resource(fhir, sharing.readVersion(FhirCallers.of(request, response, READERS), kind, id,
                Long.parseLong(version)), 200, null);
    }

    @GetMapping("/{type}")
    ResponseEntity<String> search(@PathVariable String type, @RequestParam MultiValueMap<String, String> parameters,
                                  HttpServletRequest request, HttpServletResponse response) {
        RecordSearch search = FhirSearch.parse(type, parameters);
        Caller caller = FhirCallers.of(request, response, READERS);
        String query = type + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        RecordPage page = sharing.search(caller, search, query);
        Bundle bundle = searchset(type, request);
        if (page.hasNext() && page.last() != null) {
            bundle.addLink().setRelation("next").setUrl(pageLink(type, parameters, FhirSearch.AFTER,
                    FhirSearch.encode(page.last())));
        }
        if (page.hasPrevious() && page.first() != null) {
            bundle.addLink().setRelation("previous").setUrl(pageLink(type, parameters, FhirSearch.BEFORE,
                    FhirSearch.encode(page.first())));
        }
        for (CareRecord record : page.records()) {
            entry(bundle, record, Bundle.SearchEntryMode.MATCH);
        }
        for (CareRecord record : page.included()) {
            entry(bundle, record, Bundle.SearchEntryMode.INCLUDE);
        }
        return FhirAnswers.ok(json(bundle));
    }

    /**
     * Everything about one patient, as one searchset Bundle written while it is read (constant memory however
     * many observations the patient has). {@code _since} and {@code _type} narrow it.
     */
    @GetMapping("/Patient/{id}/$everything")
    void everything(@PathVariable String id, @RequestParam(name = "_since", required = false) String since,
                    @RequestParam(name = "_type", required = false) String types,
                    @RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request,
                    HttpServletResponse response) throws IOException {
        for (String name : parameters.keySet()) {
            if (!Set.of("_since", "_type", "_count", "_format").contains(name)) {
                throw FhirRequestProblem.invalid("unknown parameter " + name + " for $everything; the parameters "
                        + "here are _since and _type");
            }
        }
        PatientId patient = patientId(id);
        TimeRange changed = since == null ? TimeRange.ALL : new TimeRange(instant("_since", since), null);
        Set<RecordType> wanted = EnumSet.noneOf(RecordType.class);
        if (types != null) {
            for (String type : types.split(",")) {
                wanted.addAll(FhirSearch.typesOf(type.strip()));
            }
            wanted.add(RecordType.PATIENT);
        }
        Caller caller = FhirCallers.of(request, response, READERS);
        String base = base();
        IParser parser = fhir.newJsonParser();
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        boolean[] first = {true};
        sharing.everything(caller, patient, wanted, changed, record -> {
            try {
                if (first[0]) {
                    response.setStatus(200);
                    response.setContentType(FhirErrors.FHIR_JSON);
                    out.write("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"timestamp\":\""
                            + new InstantType(new Date()).getValueAsString() + "\",\"link\":[{\"relation\":\"self\","
                            + "\"url\":" + quoted(base + "/Patient/" + id + "/$everything"
                            + (request.getQueryString() == null ? "" : "?" + request.getQueryString()))
                            + "}],\"entry\":[");
                    first[0] = false;
                } else {
                    out.write(',');
                }
                Resource resource = FhirResources.of(record);
                out.write("{\"fullUrl\":" + quoted(base + "/" + resource.fhirType() + "/" + record.id())
                        + ",\"resource\":");
                // to a string first: HAPI's writer flushes its target after every decimal, which here would send
                // a network packet each time
                out.write(parser.encodeResourceToString(resource));
                out.write(",\"search\":{\"mode\":\"match\"}}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.write("]}");
        out.flush();
    }

    private void entry(Bundle bundle, CareRecord record, Bundle.SearchEntryMode mode) {
        Resource resource = FhirResources.of(record);
        bundle.addEntry().setFullUrl(base() + "/" + resource.fhirType() + "/" + record.id()).setResource(resource)
                .getSearch().setMode(mode);
    }

    /** An empty searchset Bundle of this request, with its {@code self} link. */
    static Bundle searchset(String type, HttpServletRequest request) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTimestampElement(new InstantType(new Date()));
        String self = base() + "/" + type + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        bundle.addLink().setRelation("self").setUrl(self);
        return bundle;
    }

    /** The same search continued at another page: its parameters, and {@code name} ({@code _after} or {@code _before}). */
    static String pageLink(String type, MultiValueMap<String, String> parameters, String name, String place) {
        UriComponentsBuilder link = UriComponentsBuilder.fromUriString(base() + "/" + type);
        parameters.forEach((parameter, values) -> {
            if (!parameter.equals(FhirSearch.AFTER) && !parameter.equals(FhirSearch.BEFORE)) {
                values.forEach(value -> link.queryParam(parameter, value));
            }
        });
        link.queryParam(name, place);
        return link.encode().build().toUriString();
    }

    /** The kind of record a resource of this type with this id is; Observations are told apart by their ids. */
    static RecordType kindOf(String type, String id) {
        if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw FhirRequestProblem.notFound("no " + type + " " + id);
        }
        Set<RecordType> kinds = FhirSearch.typesOf(type);
        if (kinds.size() == 1) {
            return kinds.iterator().next();
        }
        return id.startsWith(CareRecord.RatingRecord.ID_PREFIX) ? RecordType.CARE_EXPERIENCE_RATING
                : RecordType.EMOTION_OBSERVATION;
    }

    static PatientId patientId(String id) {
        try {
            return PatientId.of(id);
        } catch (DomainViolation notOurs) {
            throw FhirRequestProblem.notFound("no Patient " + id);
        }
    }

    static Instant instant(String name, String value) {
        try {
            InstantType instant = new InstantType(value);
            return instant.getValue().toInstant();
        } catch (RuntimeException notAnInstant) {
            throw FhirRequestProblem.invalid(name + " must be a FHIR instant, such as 2026-11-25T09:00:00Z");
        }
    }

    private String json(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").toUriString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
