package org.eecs.adapter.in.web.report;

import org.eecs.adapter.in.web.report.ReportView.Row;
import org.eecs.adapter.in.web.report.ReportView.Section;
import org.eecs.application.port.in.ReportingCareExperience.CareExperienceReport;

/**
 * The report as one self-contained HTML page: styles inline, charts as inline SVG, no script, nothing fetched
 * from anywhere (its content security policy forbids it too).
 */
public final class ReportPage {

    /** For the response header as well as the page: no script, no request to anywhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 24px; max-width: 720px; }
            h1 { font-size: 22px; margin-bottom: 4px; }
            h2 { font-size: 16px; margin-top: 28px; }
            ul.facts { color: #555; padding-left: 18px; margin-top: 4px; }
            p.overall { font-size: 15px; font-weight: bold; }
            table { border-collapse: collapse; font-size: 13px; margin-top: 6px; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
            td.number { text-align: right; }
            td.interval { white-space: nowrap; }
            section { margin-top: 28px; }
            td.note { color: #777; }
            section.method p { color: #444; font-size: 13px; }
            svg.chart { max-width: 100%; height: auto; }
            """;

    private ReportPage() {
    }

    public static String html(CareExperienceReport report) {
        ReportView view = ReportView.of(report);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(Html.escape(CONTENT_SECURITY_POLICY)).append("\">")
                .append("<title>").append(Html.escape(view.title())).append("</title><style>").append(STYLE)
                .append("</style></head><body><h1>").append(Html.escape(view.title())).append("</h1><ul class=\"facts\">");
        view.facts().forEach(fact -> html.append("<li>").append(Html.escape(fact)).append("</li>"));
        html.append("</ul><p class=\"overall\">").append(Html.escape(view.overall())).append("</p>");
        for (Section section : view.sections()) {
            // the chart's own title heads the section
            html.append("<section aria-label=\"").append(Html.escape(section.heading())).append("\">")
                    .append(SvgChart.svg(section.chart()))
                    .append("<table><thead><tr><th>group</th><th>n</th><th>mean</th><th>95% CI</th><th></th></tr>")
                    .append("</thead><tbody>");
            for (Row row : section.rows()) {
                html.append("<tr><td>").append(Html.escape(row.group())).append("</td><td class=\"number\">")
                        .append(Html.escape(row.count())).append("</td><td class=\"number\">")
                        .append(Html.escape(row.mean())).append("</td><td class=\"interval\">").append(Html.escape(row.interval()))
                        .append("</td><td class=\"note\">").append(Html.escape(row.note())).append("</td></tr>");
            }
            html.append("</tbody></table></section>");
        }
        html.append("<section class=\"method\"><h2>Method</h2>");
        view.method().forEach(paragraph -> html.append("<p>").append(Html.escape(paragraph)).append("</p>"));
        return html.append("</section></body></html>\n").toString();
    }
}
