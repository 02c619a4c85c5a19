package org.eecs.adapter.in.web.report;

import java.util.List;

/**
 * A bar chart with error bars, as data: what is drawn, not how. {@link ChartLayout} turns it into marks that
 * {@link SvgChart} and {@link PdfChart} draw alike, so the page and the PDF show the same chart.
 *
 * @param title the chart's heading
 * @param axisMin the value at the bottom of the axis (bars rise from it)
 * @param axisMax the value at the top of the axis
 * @param bars the bars, left to right
 */
record BarChart(String title, double axisMin, double axisMax, List<Bar> bars) {

    BarChart {
        if (!(axisMin < axisMax)) {
            throw new IllegalArgumentException("an axis runs upwards, got " + axisMin + " to " + axisMax);
        }
        bars = List.copyOf(bars);
    }

    /**
     * One bar, or the place of one that is not shown.
     *
     * @param label what the bar stands for
     * @param value its height; null when no bar is drawn
     * @param low   the lower end of its error bar; null for none
     * @param high  the upper end of its error bar; null for none
     * @param note  a line under the label, e.g. "n = 12" or "suppressed"
     */
    record Bar(String label, Double value, Double low, Double high, String note) {
    }
}
