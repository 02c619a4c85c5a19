package org.eecs.domain.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.session.CareSessionId;
import org.junit.jupiter.api.Test;

class ReviewNoteTest {

    private static final Instant NOW = Instant.parse("2026-11-25T16:00:00Z");

    @Test
    void aNoteKeepsItsAuthorSessionAndText() {
        CareSessionId session = CareSessionId.newId();

        ReviewNote note = ReviewNote.write(session, new ClinicianId("dr-li"), NOW, "Calmer after the second turn.");

        assertThat(note.session()).isEqualTo(session);
        assertThat(note.author()).isEqualTo(new ClinicianId("dr-li"));
        assertThat(note.text()).isEqualTo("Calmer after the second turn.");
    }

    @Test
    void aBlankNoteIsRefused() {
        assertThatThrownBy(() -> ReviewNote.write(CareSessionId.newId(), new ClinicianId("dr-li"), NOW, " "))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("text");
    }

    @Test
    void aNoteLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> ReviewNote.write(CareSessionId.newId(), new ClinicianId("dr-li"), NOW,
                "x".repeat(ReviewNote.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining(String.valueOf(ReviewNote.MAX_TEXT_LENGTH));
    }
}
