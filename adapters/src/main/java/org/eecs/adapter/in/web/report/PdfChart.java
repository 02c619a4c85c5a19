package org.eecs.adapter.in.web.report;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.eecs.adapter.in.web.report.Mark.Box;
import org.eecs.adapter.in.web.report.Mark.Line;
import org.eecs.adapter.in.web.report.Mark.Text;

/** A chart drawn as vector graphics on a PDF page, from the same marks as its SVG. */
final class PdfChart {

    private PdfChart() {
    }

    /**
     * Draws the chart with its top left corner at (left, top) in page coordinates (y upwards), scaled so that it is
     * {@code width} points wide.
     */
    static void draw(BarChart chart, PDPageContentStream page, PdfFonts fonts, float left, float top, float width)
            throws IOException {
        float scale = (float) (width / ChartLayout.WIDTH);
        for (Mark mark : ChartLayout.marks(chart)) {
            switch (mark) {
                case Box box -> {
                    colour(page, box.fill(), true);
                    page.addRect(x(left, scale, box.x()), y(top, scale, box.y() + box.height()),
                            (float) box.width() * scale, (float) box.height() * scale);
                    page.fill();
                }
                case Line line -> {
                    colour(page, line.colour(), false);
                    page.setLineWidth((float) line.width() * scale);
                    page.setLineDashPattern(line.dashed() ? new float[] {4 * scale, 3 * scale} : new float[0], 0);
                    page.moveTo(x(left, scale, line.x1()), y(top, scale, line.y1()));
                    page.lineTo(x(left, scale, line.x2()), y(top, scale, line.y2()));
                    page.stroke();
                }
                case Text text -> {
                    PDFont font = text.bold() ? fonts.bold() : fonts.regular();
                    String shown = fonts.encodable(text.text(), font);
                    float size = (float) text.size() * scale;
                    float textWidth = font.getStringWidth(shown) / 1000 * size;
                    float x = x(left, scale, text.x()) - switch (text.anchor()) {
                        case START -> 0;
                        case MIDDLE -> textWidth / 2;
                        case END -> textWidth;
                    };
                    colour(page, text.colour(), true);
                    page.beginText();
                    page.setFont(font, size);
                    page.newLineAtOffset(x, y(top, scale, text.y()));
                    page.showText(shown);
                    page.endText();
                }
            }
        }
        page.setLineDashPattern(new float[0], 0);
    }

    private static float x(float left, float scale, double x) {
        return left + (float) x * scale;
    }

    private static float y(float top, float scale, double y) {
        return top - (float) y * scale;
    }

    private static void colour(PDPageContentStream page, int rgb, boolean fill) throws IOException {
        float red = ((rgb >> 16) & 0xFF) / 255f;
        float green = ((rgb >> 8) & 0xFF) / 255f;
        float blue = (rgb & 0xFF) / 255f;
        if (fill) {
            page.setNonStrokingColor(red, green, blue);
        } else {
            page.setStrokingColor(red, green, blue);
        }
    }
}
