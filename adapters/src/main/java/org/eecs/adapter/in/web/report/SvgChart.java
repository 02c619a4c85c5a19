package org.eecs.adapter.in.web.report;

import java.util.Locale;
import org.eecs.adapter.in.web.report.Mark.Box;
import org.eecs.adapter.in.web.report.Mark.Line;
import org.eecs.adapter.in.web.report.Mark.Text;

/** A chart as inline SVG: self-contained, nothing to fetch, readable by screen readers through its title. */
final class SvgChart {

    private SvgChart() {
    }

    static String svg(BarChart chart) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(number(ChartLayout.WIDTH)).append(' ').append(number(ChartLayout.HEIGHT))
                .append("\" width=\"").append(number(ChartLayout.WIDTH)).append("\" height=\"")
                .append(number(ChartLayout.HEIGHT)).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">")
                .append("<title>").append(Html.escape(chart.title())).append("</title>");
        for (Mark mark : ChartLayout.marks(chart)) {
            switch (mark) {
                case Box box -> svg.append("<rect x=\"").append(number(box.x())).append("\" y=\"")
                        .append(number(box.y())).append("\" width=\"").append(number(box.width()))
                        .append("\" height=\"").append(number(box.height())).append("\" fill=\"")
                        .append(colour(box.fill())).append("\"/>");
                case Line line -> svg.append("<line x1=\"").append(number(line.x1())).append("\" y1=\"")
                        .append(number(line.y1())).append("\" x2=\"").append(number(line.x2())).append("\" y2=\"")
                        .append(number(line.y2())).append("\" stroke=\"").append(colour(line.colour()))
                        .append("\" stroke-width=\"").append(number(line.width())).append('"')
                        .append(line.dashed() ? " stroke-dasharray=\"4 3\"" : "").append("/>");
                case Text text -> svg.append("<text x=\"").append(number(text.x())).append("\" y=\"")
                        .append(number(text.y())).append("\" font-size=\"").append(number(text.size()))
                        .append("\" fill=\"").append(colour(text.colour())).append("\" text-anchor=\"")
                        .append(switch (text.anchor()) {
                            case START -> "start";
                            case MIDDLE -> "middle";
                            case END -> "end";
                        }).append('"').append(text.bold() ? " font-weight=\"bold\"" : "").append('>')
                        .append(Html.escape(text.text())).append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String colour(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb);
    }
}
