package org.eecs.adapter.in.web.report;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eecs.adapter.in.web.report.BarChart.Bar;
import org.eecs.application.port.in.ReportingCareExperience.CareExperienceReport;
import org.eecs.application.port.in.ReportingCareExperience.ReportQuery;
import org.eecs.domain.analytics.CareExperienceFigures;
import org.eecs.domain.analytics.Dimension;
import org.eecs.domain.analytics.GroupResult;
import org.eecs.domain.analytics.GroupResult.NoRatings;
import org.eecs.domain.analytics.GroupResult.Reported;
import org.eecs.domain.analytics.GroupResult.Suppressed;
import org.eecs.domain.analytics.ScoreSummary;
import org.eecs.domain.rating.LikertScore;

/**
 * A care-experience report as people read it, whatever it is printed on: its facts, its headline, one section per
 * dimension (a chart and a table) and how the figures were made. {@link ReportPage} prints it as HTML and
 * {@link ReportPdf} as PDF, so the two say the same.
 */
record ReportView(String title, List<String> facts, String overall, List<Section> sections, List<String> method) {

    static final String TITLE = "Care experience report";

    record Section(String heading, BarChart chart, List<Row> rows) {
    }

    /** One group in a table; numbers as text, a dash where a group shows none. */
    record Row(String group, String count, String mean, String interval, String note) {
    }

    static ReportView of(CareExperienceReport report) {
        ReportQuery query = report.query();
        List<String> facts = List.of(
                "Sessions started " + query.from() + " to " + query.to() + " (days in the hospital's time zone)",
                "Robot: " + (query.robot() == null ? "all robots" : query.robot().value()),
                "Patients: " + report.scope() + (query.careTeamMember() == null ? ""
                        : ", cared for by " + query.careTeamMember().value()),
                "Emotion input: " + (query.emotionInput() == null ? "sessions with and without"
                        : query.emotionInput() ? "sessions with it only" : "sessions without it only"),
                "Generated " + report.generatedAt().truncatedTo(ChronoUnit.SECONDS));
        CareExperienceFigures figures = report.figures();
        List<Section> sections = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            String heading = "By " + dimension.label();
            List<GroupResult> groups = figures.groups(dimension);
            sections.add(new Section(heading, new BarChart(heading, LikertScore.LOWEST, LikertScore.HIGHEST,
                    groups.stream().map(ReportView::bar).toList()), groups.stream().map(ReportView::row).toList()));
        }
        return new ReportView(TITLE, facts, overall(figures.overall()), sections, METHOD);
    }

    private static final List<String> METHOD = List.of(
            "Care experience is the patient's rating of a session on the 5-point Likert scale, 1 (poor) to "
                    + "5 (excellent). A rated session counts when it started within the range.",
            "Emotion type is the care state with the highest mean fused probability over the session's turns; a "
                    + "session without any fused observation counts as 'no emotion observed'. Age group is the "
                    + "patient's in the year of the session. Emotion input is the session's setting (the paper's "
                    + "ablation).",
            "Bars show the mean; whiskers its 95% confidence interval, mean +/- t * s / sqrt(n), with Student's t "
                    + "for n - 1 degrees of freedom and s the sample standard deviation. Whiskers are cut at the "
                    + "ends of the scale.",
            "A group of fewer than " + CareExperienceFigures.MINIMUM_GROUP_SIZE + " ratings is suppressed, and "
                    + "so is the smallest other group of its dimension when the total would otherwise reveal it by "
                    + "subtraction: no patient can be singled out.");

    private static String overall(GroupResult overall) {
        return switch (overall) {
            case Reported reported -> "All rated sessions: mean " + ChartLayout.format(reported.summary().mean())
                    + ", 95% CI " + interval(reported.summary()) + ", n = " + reported.summary().count();
            case Suppressed suppressed -> "All rated sessions: " + suppressed.reason().explanation();
            case NoRatings ignored -> "No rated sessions in this range.";
        };
    }

    private static Bar bar(GroupResult result) {
        return switch (result) {
            case Reported reported -> new Bar(result.group().label(), reported.summary().mean(),
                    reported.summary().low(), reported.summary().high(), "n = " + reported.summary().count());
            case Suppressed ignored -> new Bar(result.group().label(), null, null, null, "suppressed");
            case NoRatings ignored -> new Bar(result.group().label(), null, null, null, "no ratings");
        };
    }

    private static Row row(GroupResult result) {
        String dash = "-";
        return switch (result) {
            case Reported reported -> new Row(result.group().label(), Integer.toString(reported.summary().count()),
                    ChartLayout.format(reported.summary().mean()), interval(reported.summary()), "");
            case Suppressed suppressed -> new Row(result.group().label(), dash, dash, dash,
                    "suppressed: " + suppressed.reason().explanation());
            case NoRatings ignored -> new Row(result.group().label(), "0", dash, dash, "no ratings");
        };
    }

    private static String interval(ScoreSummary summary) {
        return ChartLayout.format(summary.low()) + " to " + ChartLayout.format(summary.high());
    }
}
