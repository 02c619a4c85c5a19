package org.eecs.adapter.in.web.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.eecs.adapter.in.web.report.ReportView.Row;
import org.eecs.adapter.in.web.report.ReportView.Section;
import org.eecs.application.port.in.ReportingCareExperience.CareExperienceReport;

/**
 * The report as a PDF (A4, PDFBox): the same facts, charts, tables and method as the HTML page, the charts as
 * vector graphics, a section never split across pages.
 */
public final class ReportPdf {

    private static final float MARGIN = 40;
    private static final float CONTENT_WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float CHART_HEIGHT = (float) (CONTENT_WIDTH * ChartLayout.HEIGHT / ChartLayout.WIDTH);
    private static final float TEXT = 9.5f;
    private static final float LEADING = 1.35f;
    /** Where each table column starts, from the left margin: group, n, mean, 95% CI, note. */
    private static final float[] COLUMNS = {0, 150, 185, 225, 300};
    private static final float[] NUMBER_ENDS = {0, 170, 212, 0, 0};

    private ReportPdf() {
    }

    public static byte[] pdf(CareExperienceReport report) {
        ReportView view = ReportView.of(report);
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation information = document.getDocumentInformation();
            information.setTitle(view.title() + " " + report.query().from() + " to " + report.query().to());
            information.setCreator("EECS");
            Calendar generated = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            generated.setTimeInMillis(report.generatedAt().toEpochMilli());
            information.setCreationDate(generated);
            try (Pages pages = new Pages(document, PdfFonts.standard())) {
                write(view, pages);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the report could not be written as PDF", e);
        }
    }

    private static void write(ReportView view, Pages pages) throws IOException {
        pages.paragraph(view.title(), 20, true);
        for (String fact : view.facts()) {
            pages.paragraph(fact, TEXT, false);
        }
        pages.space(6);
        pages.paragraph(view.overall(), 12, true);
        for (Section section : view.sections()) {
            pages.keepTogether(CHART_HEIGHT + 24 + (section.rows().size() + 1) * TEXT * LEADING * 2);
            pages.space(10);
            PdfChart.draw(section.chart(), pages.stream(), pages.fonts, MARGIN, pages.y, CONTENT_WIDTH);
            pages.y -= CHART_HEIGHT + 6;
            pages.row(new Row("group", "n", "mean", "95% CI", ""), true);
            for (Row row : section.rows()) {
                pages.row(row, false);
            }
        }
        pages.space(12);
        pages.paragraph("Method", 12, true);
        for (String paragraph : view.method()) {
            pages.paragraph(paragraph, TEXT, false);
            pages.space(3);
        }
    }

    /** The pages written so far, and where on the last one the next line goes. */
    private static final class Pages implements AutoCloseable {

        private final PDDocument document;
        private final PdfFonts fonts;
        private PDPageContentStream stream;
        private float y;

        Pages(PDDocument document, PdfFonts fonts) throws IOException {
            this.document = document;
            this.fonts = fonts;
            newPage();
        }

        PDPageContentStream stream() {
            return stream;
        }

        void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void keepTogether(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void space(float points) {
            y -= points;
        }

        void paragraph(String text, float size, boolean bold) throws IOException {
            PDFont font = bold ? fonts.bold() : fonts.regular();
            for (String line : lines(text, font, size, CONTENT_WIDTH)) {
                keepTogether(size * LEADING);
                y -= size * LEADING;
                show(line, font, size, MARGIN);
            }
        }

        void row(Row row, boolean heading) throws IOException {
            PDFont font = heading ? fonts.bold() : fonts.regular();
            String[] cells = {row.group(), row.count(), row.mean(), row.interval(), row.note()};
            List<String> note = lines(row.note(), font, TEXT - 1, CONTENT_WIDTH - COLUMNS[4]);
            keepTogether(Math.max(1, note.size()) * TEXT * LEADING);
            y -= TEXT * LEADING;
            for (int column = 0; column < 4; column++) {
                String cell = fonts.encodable(cells[column], font);
                float x = MARGIN + (NUMBER_ENDS[column] > 0
                        ? NUMBER_ENDS[column] - font.getStringWidth(cell) / 1000 * TEXT : COLUMNS[column]);
                show(cell, font, TEXT, x);
            }
            for (int i = 0; i < note.size(); i++) {
                if (i > 0) {
                    y -= (TEXT - 1) * LEADING;
                }
                show(note.get(i), fonts.regular(), TEXT - 1, MARGIN + COLUMNS[4]);
            }
        }

        private void show(String text, PDFont font, float size, float x) throws IOException {
            stream.setNonStrokingColor(0.13f, 0.13f, 0.13f);
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, y);
            stream.showText(fonts.encodable(text, font));
            stream.endText();
        }

        /** The text in lines no wider than the width, broken between words. */
        private List<String> lines(String text, PDFont font, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.strip().split("\\s+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringWidth(fonts.encodable(candidate, font)) / 1000 * size > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
