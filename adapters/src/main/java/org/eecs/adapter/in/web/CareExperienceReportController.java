package org.eecs.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eecs.adapter.in.web.report.ReportPage;
import org.eecs.adapter.in.web.report.ReportPdf;
import org.eecs.application.port.in.ReportingCareExperience;
import org.eecs.application.port.in.ReportingCareExperience.CareExperienceReport;
import org.eecs.application.port.in.ReportingCareExperience.ReportQuery;
import org.eecs.domain.analytics.CareExperienceFigures;
import org.eecs.domain.analytics.Dimension;
import org.eecs.domain.analytics.GroupResult;
import org.eecs.domain.analytics.GroupResult.NoRatings;
import org.eecs.domain.analytics.GroupResult.Reported;
import org.eecs.domain.analytics.GroupResult.Suppressed;
import org.eecs.domain.analytics.ScoreSummary;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.robot.RobotId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "Care experience by emotion type, gender, age group and emotion input; "
        + "aggregates only, small groups suppressed")
class CareExperienceReportController {

    private final ReportingCareExperience reports;
    private final Callers callers;

    CareExperienceReportController(ReportingCareExperience reports, Callers callers) {
        this.reports = reports;
        this.callers = callers;
    }

    @GetMapping(value = "/care-experience", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mean care-experience rating with count and 95% confidence interval, by emotion type, "
            + "gender, age group and emotion input (clinicians: their care teams' patients; admins: all)")
    ReportJson report(@Parameter(description = "first day (hospital time)") @RequestParam(required = false)
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @Parameter(description = "last day, included") @RequestParam(required = false)
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                      @RequestParam(required = false) RobotId robot,
                      @RequestParam(required = false) ClinicianId careTeamMember,
                      @RequestParam(required = false) Boolean emotionInput) {
        return ReportJson.of(report(new ReportQuery(from, to, robot, careTeamMember, emotionInput)));
    }

    @GetMapping(value = "/care-experience.html", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The same report as a self-contained HTML page with bar charts and error bars")
    ResponseEntity<String> page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate to,
                                @RequestParam(required = false) RobotId robot,
                                @RequestParam(required = false) ClinicianId careTeamMember,
                                @RequestParam(required = false) Boolean emotionInput) {
        CareExperienceReport report = report(new ReportQuery(from, to, robot, careTeamMember, emotionInput));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", ReportPage.CONTENT_SECURITY_POLICY)
                .body(ReportPage.html(report));
    }

    @GetMapping(value = "/care-experience.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The same report as a PDF download")
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                               LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                               LocalDate to,
                               @RequestParam(required = false) RobotId robot,
                               @RequestParam(required = false) ClinicianId careTeamMember,
                               @RequestParam(required = false) Boolean emotionInput) {
        ReportQuery query = new ReportQuery(from, to, robot, careTeamMember, emotionInput);
        byte[] pdf = ReportPdf.pdf(report(query));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("care-experience-" + query.from() + "-to-" + query.to() + ".pdf").build().toString())
                .body(pdf);
    }

    private CareExperienceReport report(ReportQuery query) {
        return reports.report(callers.asAnyOf(Role.CLINICIAN, Role.ADMIN), query);
    }

    record ReportJson(QueryJson query, String scope, Instant generatedAt, int minimumGroupSize,
                      double confidenceLevel, String interval, GroupJson overall, List<DimensionJson> dimensions) {
        static ReportJson of(CareExperienceReport report) {
            ReportQuery query = report.query();
            CareExperienceFigures figures = report.figures();
            return new ReportJson(new QueryJson(query.from(), query.to(),
                    query.robot() == null ? null : query.robot().value(),
                    query.careTeamMember() == null ? null : query.careTeamMember().value(), query.emotionInput()),
                    report.scope(), report.generatedAt(), CareExperienceFigures.MINIMUM_GROUP_SIZE,
                    ScoreSummary.CONFIDENCE, "mean +/- Student's t (n - 1 degrees of freedom) * s / sqrt(n)",
                    GroupJson.of(figures.overall()),
                    Arrays.stream(Dimension.values()).map(dimension -> new DimensionJson(dimension,
                            dimension.label(), figures.groups(dimension).stream().map(GroupJson::of).toList()))
                            .toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QueryJson(LocalDate from, LocalDate to, String robot, String careTeamMember, Boolean emotionInput) {
    }

    record DimensionJson(Dimension dimension, String label, List<GroupJson> groups) {
    }

    /** A group's figures; a suppressed group carries none of them, only the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GroupJson(String key, String label, String status, Integer count, Double mean, Double standardDeviation,
                     Double low, Double high, String note) {
        static GroupJson of(GroupResult result) {
            String key = result.group().key();
            String label = result.group().label();
            return switch (result) {
                case Reported reported -> {
                    ScoreSummary summary = reported.summary();
                    yield new GroupJson(key, label, "REPORTED", summary.count(), summary.mean(),
                            summary.standardDeviation(), summary.low(), summary.high(), null);
                }
                case Suppressed suppressed -> new GroupJson(key, label, "SUPPRESSED", null, null, null, null, null,
                        suppressed.reason().explanation());
                case NoRatings ignored -> new GroupJson(key, label, "NO_RATINGS", 0, null, null, null, null, null);
            };
        }
    }
}
