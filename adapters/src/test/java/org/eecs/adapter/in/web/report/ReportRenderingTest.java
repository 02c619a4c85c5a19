package org.eecs.adapter.in.web.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eecs.adapter.in.web.report.BarChart.Bar;
import org.eecs.adapter.in.web.report.Mark.Box;
import org.eecs.adapter.in.web.report.Mark.Line;
import org.eecs.application.port.in.ReportingCareExperience.CareExperienceReport;
import org.eecs.application.port.in.ReportingCareExperience.ReportQuery;
import org.eecs.domain.analytics.CareExperienceFigures;
import org.eecs.domain.analytics.RatedSession;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.rating.LikertScore;
import org.junit.jupiter.api.Test;

class ReportRenderingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void anErrorBarBeyondTheScaleIsCutAtTheAxis_withoutACapAtThatEnd() {
        // 1 1 5 5 5: mean 3.4, s = 2.190890, half-width 2.776445 * 0.979796 = 2.720297: 0.68 to 6.12
        BarChart chart = new BarChart("wide", 1, 5, List.of(new Bar("wide", 3.4, 0.679703, 6.120297, "n = 5")));

        List<Mark> marks = ChartLayout.marks(chart);

        List<Line> whisker = marks.stream().filter(Line.class::isInstance).map(Line.class::cast)
                .filter(line -> line.width() == 1.5).toList();
        assertThat(whisker).hasSize(1).allSatisfy(line -> {
            assertThat(Math.min(line.y1(), line.y2())).isEqualTo(40.0);
            assertThat(Math.max(line.y1(), line.y2())).isEqualTo(ChartLayout.HEIGHT - 76);
        });
    }

    @Test
    void anIntervalWithinTheScaleHasCapsAtBothEnds_andABarFromTheAxisMinimum() {
        BarChart chart = new BarChart("narrow", 1, 5, List.of(new Bar("anxiety", 4.2, 3.16, 5.0, "n = 5")));

        List<Mark> marks = ChartLayout.marks(chart);

        assertThat(marks.stream().filter(Line.class::isInstance).map(Line.class::cast)
                .filter(line -> line.width() == 1.5)).hasSize(3);
        assertThat(marks.stream().filter(Box.class::isInstance).map(Box.class::cast)).singleElement()
                .satisfies(box -> assertThat(box.y() + box.height()).isEqualTo(ChartLayout.HEIGHT - 76));
    }

    @Test
    void suppressedAndEmptyGroupsDrawNoBar_onlyTheirNote() {
        ReportView view = ReportView.of(report(ratings(4, Gender.FEMALE), null));

        for (ReportView.Section section : view.sections()) {
            assertThat(ChartLayout.marks(section.chart())).noneMatch(Box.class::isInstance);
        }
        assertThat(view.overall()).isEqualTo("All rated sessions: fewer than 5 ratings: not shown, so that no patient "
                + "can be singled out");
        assertThat(view.sections().get(1).rows().getFirst())
                .isEqualTo(new ReportView.Row("female", "-", "-", "-", "suppressed: fewer than 5 ratings: not shown, "
                        + "so that no patient can be singled out"));
    }

    @Test
    void whatTheCallerTyped_isEscapedInThePage() {
        String html = ReportPage.html(report(ratings(6, Gender.MALE), new ClinicianId("<script>alert('x')</script>")));

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void thePdfShowsCharactersOutsideItsFontsAsQuestionMarks_ratherThanFailing() throws IOException {
        byte[] pdf = ReportPdf.pdf(report(ratings(6, Gender.MALE), new ClinicianId("dr-李")));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("cared for by dr-?", "n = 6");
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Care experience report 2026-01-01 to 2026-03-31");
        }
    }

    @Test
    void labelsWrapBetweenWords() {
        assertThat(ChartLayout.wrap("other (under 14 or over 60)", 12))
                .containsExactly("other (under", "14 or over", "60)");
        assertThat(ChartLayout.wrap("frustration", 6)).containsExactly("frustration");
    }

    private static List<RatedSession> ratings(int count, Gender gender) {
        List<RatedSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(new RatedSession(new LikertScore(4 + i % 2), gender, AgeGroup.ADULT, true,
                    Optional.of(CareState.ANXIETY)));
        }
        return sessions;
    }

    private static CareExperienceReport report(List<RatedSession> sessions, ClinicianId member) {
        return new CareExperienceReport(new ReportQuery(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31), null,
                member, null), "all care teams", NOW, CareExperienceFigures.of(sessions));
    }
}
