package org.eecs.adapter.in.web.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eecs.adapter.in.web.report.BarChart.Bar;
import org.eecs.adapter.in.web.report.Mark.Anchor;
import org.eecs.adapter.in.web.report.Mark.Box;
import org.eecs.adapter.in.web.report.Mark.Line;
import org.eecs.adapter.in.web.report.Mark.Text;

/**
 * Lays a {@link BarChart} out on a canvas of {@link #WIDTH} by {@link #HEIGHT} points: a title, a value axis with a
 * grid line per whole unit, a bar per group from the axis minimum up to its value with its value above it, an error
 * bar with caps, and under each bar its label (wrapped) and note. An error bar reaching beyond the axis is cut at the
 * axis and drawn without a cap at that end, so that a wide interval never leaves the chart.
 */
final class ChartLayout {

    static final double WIDTH = 640;
    static final double HEIGHT = 320;
    static final int BAR = 0x4C72B0;
    static final int INK = 0x222222;
    static final int GRID = 0xDDDDDD;
    static final int MUTED = 0x777777;

    private static final double LEFT = 44;
    private static final double RIGHT = 12;
    private static final double TOP = 40;
    private static final double BOTTOM = 76;
    private static final double LABEL_SIZE = 10.5;
    private static final double CAP = 6;

    private ChartLayout() {
    }

    static List<Mark> marks(BarChart chart) {
        List<Mark> marks = new ArrayList<>();
        double plotTop = TOP;
        double plotBottom = HEIGHT - BOTTOM;
        double plotLeft = LEFT;
        double plotRight = WIDTH - RIGHT;
        marks.add(new Text(plotLeft, 22, chart.title(), 14, Anchor.START, INK, true));
        for (int tick = (int) Math.ceil(chart.axisMin()); tick <= chart.axisMax(); tick++) {
            double y = y(chart, tick, plotTop, plotBottom);
            marks.add(new Line(plotLeft, y, plotRight, y, GRID, 1, false));
            marks.add(new Text(plotLeft - 8, y + 4, Integer.toString(tick), LABEL_SIZE, Anchor.END, MUTED, false));
        }
        marks.add(new Line(plotLeft, plotTop, plotLeft, plotBottom, INK, 1, false));
        marks.add(new Line(plotLeft, plotBottom, plotRight, plotBottom, INK, 1, false));

        int count = Math.max(1, chart.bars().size());
        double slot = (plotRight - plotLeft) / count;
        for (int i = 0; i < chart.bars().size(); i++) {
            Bar bar = chart.bars().get(i);
            double centre = plotLeft + slot * (i + 0.5);
            double barWidth = Math.min(56, slot * 0.6);
            if (bar.value() != null) {
                double top = y(chart, clamp(chart, bar.value()), plotTop, plotBottom);
                marks.add(new Box(centre - barWidth / 2, top, barWidth, plotBottom - top, BAR));
                marks.add(new Text(centre + barWidth / 2 + 2, top - 3, format(bar.value()), LABEL_SIZE,
                        Anchor.START, INK, true));
            }
            if (bar.low() != null && bar.high() != null) {
                errorBar(chart, bar, centre, plotTop, plotBottom, marks);
            }
            List<String> lines = wrap(bar.label(), (int) Math.max(6, slot / (LABEL_SIZE * 0.55)));
            double lineY = plotBottom + 16;
            for (String line : lines.subList(0, Math.min(3, lines.size()))) {
                marks.add(new Text(centre, lineY, line, LABEL_SIZE, Anchor.MIDDLE, INK, false));
                lineY += LABEL_SIZE + 2;
            }
            if (bar.note() != null) {
                marks.add(new Text(centre, lineY + 2, bar.note(), LABEL_SIZE - 1, Anchor.MIDDLE, MUTED, false));
            }
        }
        return marks;
    }

    private static void errorBar(BarChart chart, Bar bar, double centre, double plotTop, double plotBottom,
                                 List<Mark> marks) {
        double low = y(chart, clamp(chart, bar.low()), plotTop, plotBottom);
        double high = y(chart, clamp(chart, bar.high()), plotTop, plotBottom);
        marks.add(new Line(centre, high, centre, low, INK, 1.5, false));
        if (bar.high() <= chart.axisMax()) {
            marks.add(new Line(centre - CAP, high, centre + CAP, high, INK, 1.5, false));
        }
        if (bar.low() >= chart.axisMin()) {
            marks.add(new Line(centre - CAP, low, centre + CAP, low, INK, 1.5, false));
        }
    }

    private static double clamp(BarChart chart, double value) {
        return Math.max(chart.axisMin(), Math.min(chart.axisMax(), value));
    }

    private static double y(BarChart chart, double value, double plotTop, double plotBottom) {
        return plotBottom - (value - chart.axisMin()) / (chart.axisMax() - chart.axisMin()) * (plotBottom - plotTop);
    }

    /** Two decimals, as the report shows every mean and bound. */
    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Words packed greedily into lines of at most {@code width} characters; a longer word gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
