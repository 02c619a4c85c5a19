package org.eecs.adapter.in.fhir;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.export.BulkExportJob;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ExportingCareRecords.UnknownExportJob;
import org.eecs.application.port.in.ExportingCareRecords;
import org.eecs.application.port.out.ExportFiles.StoredFile;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.audit.Role;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR Bulk Data export: {@code $export} (system level) and {@code Patient/$export} (every patient's records,
 * robots left out) with {@code Prefer: respond-async} answer 202 and a status URL; the status URL answers 202
 * while the job runs, then the manifest, whose files are NDJSON per kind of record, fetched with the same token.
 * {@code _type} and {@code _since} narrow the export. DELETE on the status URL cancels the job.
 */
@RestController
@Hidden // FHIR, described by its CapabilityStatement and docs/fhir.md, not by the clinician API's OpenAPI
@RequestMapping("/fhir")
class BulkExportController {

    static final String NDJSON = "application/fhir+ndjson";
    private static final Set<String> PARAMETERS = Set.of("_type", "_since", "_outputFormat");
    private static final Set<String> FORMATS = Set.of(NDJSON, "application/ndjson", "ndjson");

    private final ExportingCareRecords exports;

    BulkExportController(ExportingCareRecords exports) {
        this.exports = exports;
    }

    @GetMapping("/$export")
    ResponseEntity<Void> exportAll(@RequestParam MultiValueMap<String, String> parameters,
                                   @RequestHeader(name = "Prefer", required = false) String prefer,
                                   HttpServletRequest request, HttpServletResponse response) {
        return kickOff(EnumSet.allOf(RecordType.class), parameters, prefer, request, response);
    }

    @GetMapping("/Patient/$export")
    ResponseEntity<Void> exportPatients(@RequestParam MultiValueMap<String, String> parameters,
                                        @RequestHeader(name = "Prefer", required = false) String prefer,
                                        HttpServletRequest request, HttpServletResponse response) {
        return kickOff(EnumSet.complementOf(EnumSet.of(RecordType.ROBOT)), parameters, prefer, request, response);
    }

    @GetMapping("/$export-status/{job}")
    ResponseEntity<?> status(@PathVariable String job, HttpServletRequest request, HttpServletResponse response) {
        BulkExportJob found = exports.status(caller(request, response), id(job));
        return switch (found.state()) {
            case QUEUED, RUNNING -> ResponseEntity.accepted()
                    .header("X-Progress", found.state() == ExportState.QUEUED ? "waiting"
                            : "in progress: " + found.written() + " resources written")
                    .header(HttpHeaders.RETRY_AFTER, "2")
                    .build();
            case COMPLETED -> ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME
                            .format(found.expiresAt().atZone(ZoneOffset.UTC)))
                    .body(manifest(found));
            case FAILED -> throw new FhirRequestProblem(500, IssueType.EXCEPTION, found.error());
            case CANCELLED -> throw new UnknownExportJob(found.id());
        };
    }

    @DeleteMapping("/$export-status/{job}")
    ResponseEntity<Void> cancel(@PathVariable String job, HttpServletRequest request, HttpServletResponse response) {
        exports.cancel(caller(request, response), id(job));
        return ResponseEntity.accepted().build();
    }

    /** One file of a finished export, streamed from disk. */
    @GetMapping("/$export-file/{job}/{name}")
    void file(@PathVariable String job, @PathVariable String name, HttpServletRequest request,
              HttpServletResponse response) throws IOException {
        StoredFile file = exports.file(caller(request, response), id(job), name);
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setContentLengthLong(file.bytes());
        try (InputStream in = file.open()) {
            in.transferTo(response.getOutputStream());
        }
    }

    private ResponseEntity<Void> kickOff(Set<RecordType> offered, MultiValueMap<String, String> parameters,
                                         String prefer, HttpServletRequest request, HttpServletResponse response) {
        if (prefer == null || !prefer.contains("respond-async")) {
            throw FhirRequestProblem.invalid("a bulk export is asynchronous: send Prefer: respond-async");
        }
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw FhirRequestProblem.notSupported("the export parameter " + name + " is not offered; "
                        + "_type, _since and _outputFormat are");
            }
        }
        String format = parameters.getFirst("_outputFormat");
        if (format != null && !FORMATS.contains(format)) {
            throw FhirRequestProblem.notSupported("_outputFormat " + format + " is not offered; " + NDJSON + " is");
        }
        Set<RecordType> types = EnumSet.noneOf(RecordType.class);
        for (String value : parameters.getOrDefault("_type", List.of())) {
            for (String type : value.split(",")) {
                try {
                    types.addAll(FhirSearch.typesOf(type.strip()));
                } catch (FhirRequestProblem unknown) {
                    throw FhirRequestProblem.invalid("_type " + type + " is not a resource type of this server");
                }
            }
        }
        types.retainAll(offered);
        if (types.isEmpty()) {
            types.addAll(offered);
        }
        String since = parameters.getFirst("_since");
        Instant changedSince = since == null ? null : FhirController.instant("_since", since);
        String asked = request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        BulkExportJob job = exports.request(caller(request, response), types, changedSince, asked);
        return ResponseEntity.accepted()
                .header(HttpHeaders.CONTENT_LOCATION, FhirController.base() + "/$export-status/" + job.id())
                .build();
    }

    private Manifest manifest(BulkExportJob job) {
        String base = FhirController.base();
        return new Manifest(job.transactionTime().toString(), job.request(), true,
                job.files().stream()
                        .map(file -> new Manifest.Output(FhirResources.resourceType(file.type()),
                                base + "/$export-file/" + job.id() + "/" + file.name(), file.records()))
                        .toList(),
                List.of());
    }

    private static Caller caller(HttpServletRequest request, HttpServletResponse response) {
        return FhirCallers.of(request, response, Role.INTEGRATION);
    }

    private static UUID id(String job) {
        try {
            UUID id = UUID.fromString(job);
            if (id.toString().equals(job)) {
                return id;
            }
        } catch (IllegalArgumentException notAJob) {
            // answered below
        }
        throw FhirRequestProblem.notFound("no export job " + job);
    }

    /** The Bulk Data manifest of a finished export. */
    record Manifest(String transactionTime, String request, boolean requiresAccessToken, List<Output> output,
                    List<Output> error) {
        record Output(String type, String url, long count) {
        }
    }
}
