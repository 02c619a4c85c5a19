package org.eecs.application.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.eecs.application.testing.Hospital.clinician;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.UnknownCareSession;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.junit.jupiter.api.Test;

class ReviewingCareSessionsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Instant EARLIER = NOW.minus(Duration.ofHours(2));
    private static final Caller DR_LI = clinician("dr-li");
    private static final Caller DR_WU = clinician("dr-wu");

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final SessionReview review = new SessionReview(hospital.turns, hospital.notes, hospital.ratings,
            hospital.access, hospital.transactions, hospital.clock);
    private final Patient robin = hospital.patientCaredForBy("Robin", DR_LI);
    private final Robot pepper = hospital.robot("pepper-1");
    private final CareSession completed = hospital.stored(hospital.scheduled(robin, pepper, EARLIER)
            .start(EARLIER).complete(EARLIER.plus(Duration.ofMinutes(40))));

    // transcript

    @Test
    void theTranscriptIsEmpty_untilTheSessionHasTurns() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW.plus(Duration.ofDays(1)));

        assertThat(review.transcript(DR_LI, scheduled.id())).isEmpty();
    }

    @Test
    void theTranscriptHoldsTheTurnsInOrder_andReadingItIsAudited() {
        Turn second = turn(completed, 2, "I miss my garden");
        Turn first = turn(completed, 1, "Hello");
        Turn third = turn(completed, 3, "");
        hospital.turns.save(second);
        hospital.turns.save(third);
        hospital.turns.save(first);
        hospital.turns.save(turn(hospital.scheduled(robin, pepper, NOW.plus(Duration.ofDays(1))), 1, "other session"));

        List<Turn> transcript = review.transcript(DR_LI, completed.id());

        assertThat(transcript).containsExactly(first, second, third);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.READ);
            assertThat(event.entity()).isEqualTo(new EntityRef("Transcript", completed.id().toString()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotReadTheTranscript_andTheRefusalIsAudited() {
        hospital.turns.save(turn(completed, 1, "Hello"));

        assertThatThrownBy(() -> review.transcript(DR_WU, completed.id())).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.audited()).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(AuditOutcome.DENIED));
    }

    // notes

    @Test
    void anAddedNoteIsStored_withTheCallerAsAuthor_andTheAdditionIsAudited() {
        ReviewNote note = review.addNote(DR_LI, completed.id(), "Calmer than last week.");

        assertThat(note.author()).isEqualTo(DR_LI.clinician());
        assertThat(note.session()).isEqualTo(completed.id());
        assertThat(note.writtenAt()).isEqualTo(NOW);
        assertThat(note.text()).isEqualTo("Calmer than last week.");
        assertThat(hospital.notes.of(completed.id())).containsExactly(note);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.CREATE);
            assertThat(event.entity()).isEqualTo(new EntityRef("ReviewNote", note.id().toString()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void theNotesAreReadOldestFirst_andReadingThemIsAudited() {
        ReviewNote first = review.addNote(DR_LI, completed.id(), "first");
        ReviewNote second = review.addNote(DR_LI, completed.id(), "second");

        List<ReviewNote> notes = review.notes(DR_LI, completed.id());

        assertThat(notes).containsExactly(first, second);
        assertThat(hospital.audited()).extracting(AuditEvent::action, AuditEvent::entity).containsExactly(
                tuple(AuditAction.CREATE, new EntityRef("ReviewNote", first.id().toString())),
                tuple(AuditAction.CREATE, new EntityRef("ReviewNote", second.id().toString())),
                tuple(AuditAction.READ, new EntityRef("ReviewNote", completed.id().toString())));
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotAddOrReadNotes_andNothingIsStored() {
        assertThatThrownBy(() -> review.addNote(DR_WU, completed.id(), "snooping"))
                .isInstanceOf(UnknownCareSession.class);
        assertThatThrownBy(() -> review.notes(DR_WU, completed.id())).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.notes.of(completed.id())).isEmpty();
        assertThat(hospital.audited()).extracting(AuditEvent::action, AuditEvent::outcome).containsExactly(
                tuple(AuditAction.CREATE, AuditOutcome.DENIED), tuple(AuditAction.READ, AuditOutcome.DENIED));
    }

    @Test
    void aBlankNoteIsRefused_andNothingIsAudited() {
        assertThatThrownBy(() -> review.addNote(DR_LI, completed.id(), "  ")).isInstanceOf(DomainViolation.class);

        assertThat(hospital.notes.of(completed.id())).isEmpty();
        assertThat(hospital.audited()).isEmpty();
    }

    // rating

    @Test
    void anEndedSessionIsRated_andTheRatingIsAuditedAsACreation() {
        CareExperienceRating rating = review.rate(DR_LI, completed.id(), 4, "felt listened to");

        assertThat(rating).isEqualTo(new CareExperienceRating(completed.id(), new LikertScore(4), NOW,
                "felt listened to"));
        assertThat(hospital.ratings.of(completed.id())).contains(rating);
        assertThat(hospital.audited()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.CREATE);
            assertThat(event.entity()).isEqualTo(new EntityRef("CareExperienceRating", completed.id().toString()));
            assertThat(event.patient()).isEqualTo(robin.id());
            assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        });
    }

    @Test
    void anAbortedSessionCanBeRatedToo() {
        CareSession aborted = hospital.stored(hospital.scheduled(robin, pepper, EARLIER.minus(Duration.ofDays(1)))
                .start(EARLIER).abort("patient upset", EARLIER.plus(Duration.ofMinutes(5))));

        assertThat(review.rate(DR_LI, aborted.id(), 2, null).score()).isEqualTo(new LikertScore(2));
    }

    @Test
    void aSessionThatHasNotEnded_cannotBeRated_andNothingIsStoredOrAudited() {
        CareSession scheduled = hospital.scheduled(robin, pepper, NOW.plus(Duration.ofDays(1)));
        CareSession running = hospital.stored(hospital.scheduled(robin, pepper, NOW).start(NOW));

        for (CareSession unended : List.of(scheduled, running)) {
            assertThatThrownBy(() -> review.rate(DR_LI, unended.id(), 5, null))
                    .isInstanceOfSatisfying(Conflict.class,
                            conflict -> assertThat(conflict.kind()).isEqualTo("session-not-ended"));
            assertThat(hospital.ratings.of(unended.id())).isEmpty();
        }
        assertThat(hospital.audited()).isEmpty();
    }

    @Test
    void aCancelledSession_cannotBeRated() {
        CareSession cancelled = hospital.stored(hospital.scheduled(robin, pepper, NOW).cancel("unwell", NOW));

        assertThatThrownBy(() -> review.rate(DR_LI, cancelled.id(), 3, null))
                .isInstanceOfSatisfying(Conflict.class,
                        conflict -> assertThat(conflict.kind()).isEqualTo("session-not-ended"));
    }

    @Test
    void aScoreOffTheFivePointScale_isRefused_andNothingIsAudited() {
        assertThatThrownBy(() -> review.rate(DR_LI, completed.id(), 6, null)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> review.rate(DR_LI, completed.id(), 0, null)).isInstanceOf(DomainViolation.class);

        assertThat(hospital.ratings.of(completed.id())).isEmpty();
        assertThat(hospital.audited()).isEmpty();
    }

    @Test
    void aLaterRatingReplacesTheEarlierOne_andIsAuditedAsAnUpdate() {
        review.rate(DR_LI, completed.id(), 2, "too fast");

        CareExperienceRating again = review.rate(DR_LI, completed.id(), 4, "better on reflection");

        assertThat(hospital.ratings.of(completed.id())).contains(again);
        assertThat(hospital.audited()).extracting(AuditEvent::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
    }

    @Test
    void readingTheRating_isAnAuditedRead_andEmptyBeforeAnyRating() {
        assertThat(review.rating(DR_LI, completed.id())).isEmpty();
        CareExperienceRating rating = review.rate(DR_LI, completed.id(), 5, null);

        assertThat(review.rating(DR_LI, completed.id())).contains(rating);
        assertThat(hospital.audited()).extracting(AuditEvent::action)
                .containsExactly(AuditAction.READ, AuditAction.CREATE, AuditAction.READ);
    }

    @Test
    void aClinicianOutsideTheCareTeam_cannotRateOrReadTheRating() {
        assertThatThrownBy(() -> review.rate(DR_WU, completed.id(), 5, null)).isInstanceOf(UnknownCareSession.class);
        assertThatThrownBy(() -> review.rating(DR_WU, completed.id())).isInstanceOf(UnknownCareSession.class);

        assertThat(hospital.ratings.of(completed.id())).isEmpty();
        assertThat(hospital.audited()).extracting(AuditEvent::outcome)
                .containsExactly(AuditOutcome.DENIED, AuditOutcome.DENIED);
    }

    private static Turn turn(CareSession session, int sequence, String utterance) {
        return new Turn(TurnId.newId(), session.id(), sequence, EARLIER.plusSeconds(sequence * 30L), utterance,
                List.of(), new CareResponse("I am here with you.", Tone.CALM, FacialExpression.WARM_GAZE, Motion.NOD),
                false, StageLatencies.none(),
                new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "abc123", Optional.empty()),
                Optional.empty(), Optional.empty());
    }
}
