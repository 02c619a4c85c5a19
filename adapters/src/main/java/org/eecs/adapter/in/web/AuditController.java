package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eecs.application.port.AuditFilter;
import org.eecs.application.port.InvalidRequest;
import org.eecs.application.port.export.AuditExport;
import org.eecs.application.port.export.ExportFormat;
import org.eecs.application.port.export.ExportKind;
import org.eecs.application.port.export.ExportState;
import org.eecs.application.port.export.ExportManifest;
import org.eecs.application.port.in.ArchivingAuditMonths;
import org.eecs.application.port.in.ExportingAuditTrail;
import org.eecs.application.port.in.SearchingAuditTrail;
import org.eecs.application.port.in.SearchingAuditTrail.AuditPage;
import org.eecs.application.port.in.VerifyingAuditTrail;
import org.eecs.application.port.out.AuditTrailSearch.Order;
import org.eecs.application.port.out.ExportFiles.StoredFile;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.ChainVerification;
import org.eecs.domain.audit.ChainedAuditEvent;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.session.CareSessionId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Auditors search, verify and export the audit trail (docs/audit.md)")
class AuditController {

    private static final String BASE = "/api/v1/audit";

    private final SearchingAuditTrail search;
    private final VerifyingAuditTrail verifier;
    private final ExportingAuditTrail exports;
    private final ArchivingAuditMonths archives;
    private final Callers callers;

    AuditController(SearchingAuditTrail search, VerifyingAuditTrail verifier, ExportingAuditTrail exports,
                    ArchivingAuditMonths archives, Callers callers) {
        this.search = search;
        this.verifier = verifier;
        this.exports = exports;
        this.archives = archives;
        this.callers = callers;
    }

    @GetMapping("/events")
    @Operation(summary = "Search audit events; keyset pages, `next` links to the following page")
    EventPageJson events(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                         Instant from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                         Instant to,
                         @RequestParam(required = false) String actor,
                         @RequestParam(required = false) Role role,
                         @RequestParam(required = false) PatientId patient,
                         @RequestParam(required = false) AuditAction action,
                         @RequestParam(required = false) AuditOutcome outcome,
                         @RequestParam(required = false) String requestId,
                         @RequestParam(required = false) String entityType,
                         @RequestParam(required = false) String entityId,
                         @RequestParam(required = false) Long after,
                         @RequestParam(defaultValue = "100") int size,
                         @RequestParam(defaultValue = "oldest") String order) {
        Order sorted = switch (order) {
            case "oldest" -> Order.OLDEST_FIRST;
            case "newest" -> Order.NEWEST_FIRST;
            default -> throw new InvalidRequest(
                    "order must be oldest or newest, got \"" + order.substring(0, Math.min(order.length(), 20))
                            + "\"");
        };
        AuditFilter filter = new AuditFilter(from, to, actor, role, patient, action, outcome, requestId, entityType,
                entityId, null, null);
        AuditPage page = search.search(callers.as(Role.AUDITOR), filter, after, size, sorted);
        String next = page.next() == null ? null : UriComponentsBuilder.fromPath(BASE + "/events")
                .queryParamIfPresent("from", Optional.ofNullable(from))
                .queryParamIfPresent("to", Optional.ofNullable(to))
                .queryParamIfPresent("actor", Optional.ofNullable(actor))
                .queryParamIfPresent("role", Optional.ofNullable(role))
                .queryParamIfPresent("patient", Optional.ofNullable(patient))
                .queryParamIfPresent("action", Optional.ofNullable(action))
                .queryParamIfPresent("outcome", Optional.ofNullable(outcome))
                .queryParamIfPresent("requestId", Optional.ofNullable(requestId))
                .queryParamIfPresent("entityType", Optional.ofNullable(entityType))
                .queryParamIfPresent("entityId", Optional.ofNullable(entityId))
                .queryParam("after", page.next())
                .queryParam("size", size)
                .queryParam("order", order)
                .encode().build().toUriString();
        return new EventPageJson(page.events().stream().map(EventJson::of).toList(), next);
    }

    @PostMapping("/verifications")
    @Operation(summary = "Verify the chain over the events of a time range; reports the first broken link")
    VerificationJson verify(@Valid @RequestBody VerifyRange body) {
        return VerificationJson.of(verifier.verify(callers.as(Role.AUDITOR), body.from(), body.to()));
    }

    @PostMapping("/exports")
    @Operation(summary = "Export audit events (NDJSON, CSV or a FHIR Bundle of AuditEvents, optionally gzipped) in "
            + "the background; 202 and a status URL")
    ResponseEntity<ExportJson> export(@Valid @RequestBody NewExport body) {
        AuditFilter filter = new AuditFilter(body.from(), body.to(), body.actor(), body.role(),
                body.patient() == null ? null : PatientId.of(body.patient()), body.action(), body.outcome(),
                body.requestId(), body.entityType(), body.entityId(), null, null);
        AuditExport export = exports.exportEvents(callers.as(Role.AUDITOR), filter,
                body.format() == null ? ExportFormat.NDJSON : body.format(), Boolean.TRUE.equals(body.gzip()));
        return accepted(export);
    }

    @PostMapping("/sessions/{session}/interaction-log")
    @Operation(summary = "Export a session's interaction log for an investigation (clinical content; the stated "
            + "purpose is audited)")
    ResponseEntity<ExportJson> interactionLog(@PathVariable CareSessionId session,
                                              @Valid @RequestBody NewInteractionLog body) {
        return accepted(exports.exportInteractionLog(callers.as(Role.AUDITOR), session, body.purpose(),
                Boolean.TRUE.equals(body.gzip())));
    }

    @GetMapping("/exports/{export}")
    @Operation(summary = "An export's state and the records written so far; links to its file and manifest")
    ExportJson status(@PathVariable UUID export) {
        return ExportJson.of(exports.status(callers.as(Role.AUDITOR), export));
    }

    @GetMapping("/exports/{export}/file")
    @Operation(summary = "The finished export file, streamed")
    ResponseEntity<StreamingResponseBody> file(@PathVariable UUID export) {
        AuditExport found = exports.status(callers.as(Role.AUDITOR), export);
        StoredFile file = exports.download(callers.as(Role.AUDITOR), export);
        MediaType type = found.gzip() ? MediaType.parseMediaType("application/gzip")
                : MediaType.parseMediaType(switch (found.format()) {
                    case NDJSON -> "application/x-ndjson";
                    case CSV -> "text/csv;charset=UTF-8";
                    case FHIR_BUNDLE -> "application/fhir+json;charset=UTF-8";
                });
        return streamed(file, type, found.fileName());
    }

    @GetMapping("/exports/{export}/manifest")
    @Operation(summary = "The finished export's manifest, for checking the file offline")
    ResponseEntity<StreamingResponseBody> manifest(@PathVariable UUID export) {
        StoredFile manifest = exports.manifest(callers.as(Role.AUDITOR), export);
        return streamed(manifest, MediaType.APPLICATION_JSON, export + ".manifest.json");
    }

    @PostMapping("/archives")
    @Operation(summary = "Archive the oldest month of the trail (an export with its manifest), then take it out of "
            + "the database; 202 and a status URL")
    ResponseEntity<ExportJson> archive(@Valid @RequestBody NewArchive body) {
        return accepted(archives.archive(callers.as(Role.AUDITOR), body.month()));
    }

    @GetMapping("/archives")
    @Operation(summary = "The months in the trail and the archived months with their anchors")
    ArchivingAuditMonths.Overview archiveOverview() {
        return archives.overview(callers.as(Role.AUDITOR));
    }

    private static ResponseEntity<ExportJson> accepted(AuditExport export) {
        URI status = URI.create(BASE + "/exports/" + export.id());
        return ResponseEntity.accepted().location(status).body(ExportJson.of(export));
    }

    /** Copies the file to the response a buffer at a time: memory stays constant whatever its size. */
    private static ResponseEntity<StreamingResponseBody> streamed(StoredFile file, MediaType type, String name) {
        StreamingResponseBody body = out -> {
            try (InputStream in = file.open()) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(file.bytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(body);
    }

    record EventPageJson(List<EventJson> items, String next) {
    }

    /** An audit event: the same keys as a line of an NDJSON export. */
    record EventJson(long sequence, Instant occurredAt, String actorId, Role actorRole, AuditAction action,
                     String entityType, String entityId, String patient, AuditOutcome outcome, String sourceAddress,
                     String purpose, String requestId, String previousHash, String hash) {

        static EventJson of(ChainedAuditEvent chained) {
            var e = chained.event();
            return new EventJson(chained.sequence(), e.at(), e.actor().id(), e.actor().role(), e.action(),
                    e.entity().type(), e.entity().id(), e.patient() == null ? null : e.patient().toString(),
                    e.outcome(), e.sourceAddress(), e.purpose(), e.requestId(), chained.previousHash(),
                    chained.hash());
        }
    }

    record VerifyRange(@NotNull Instant from, @NotNull Instant to) {
    }

    record VerificationJson(boolean intact, long eventsChecked, String lastHash, Long brokenAt, String kind,
                            String detail) {

        static VerificationJson of(ChainVerification verification) {
            return switch (verification) {
                case ChainVerification.Intact intact -> new VerificationJson(true, intact.eventsChecked(),
                        intact.lastHash(), null, null, null);
                case ChainVerification.Broken broken -> new VerificationJson(false, broken.eventsChecked(), null,
                        broken.sequence(), broken.kind().name(), broken.detail());
            };
        }
    }

    record NewExport(ExportFormat format, Boolean gzip, Instant from, Instant to, @Size(max = 255) String actor,
                     Role role, String patient, AuditAction action, AuditOutcome outcome,
                     @Size(max = 255) String requestId, @Size(max = 41) String entityType,
                     @Size(max = 255) String entityId) {
    }

    record NewArchive(@NotNull YearMonth month) {
    }

    record NewInteractionLog(@NotNull @Size(min = 1, max = 255) String purpose, Boolean gzip) {
    }

    record ExportJson(String id, ExportKind kind, ExportFormat format, boolean gzip, ExportState state,
                      long written, Instant requestedAt, Instant finishedAt, Instant expiresAt, String failure,
                      String status, String file, String manifest, ManifestSummaryJson summary) {

        static ExportJson of(AuditExport export) {
            String status = BASE + "/exports/" + export.id();
            boolean done = export.state() == ExportState.COMPLETED;
            return new ExportJson(export.id().toString(), export.kind(), export.format(), export.gzip(),
                    export.state(), export.written(), export.requestedAt(), export.finishedAt(), export.expiresAt(),
                    export.failure(), status, done ? status + "/file" : null, done ? status + "/manifest" : null,
                    export.manifest() == null ? null : ManifestSummaryJson.of(export.manifest()));
        }
    }

    record ManifestSummaryJson(long records, long events, long bytes, String sha256, Long firstSequence,
                               Long lastSequence, String firstHash, String lastHash, boolean linksChecked,
                               VerificationJson chain) {

        static ManifestSummaryJson of(ExportManifest m) {
            return new ManifestSummaryJson(m.records(), m.events(), m.bytes(), m.sha256(), m.firstSequence(),
                    m.lastSequence(), m.firstHash(), m.lastHash(), m.linksChecked(), VerificationJson.of(m.chain()));
        }
    }
}
