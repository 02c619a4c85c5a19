package org.eecs.application.review;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.Conflict;
import org.eecs.application.port.in.ReviewingCareSessions;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.application.port.out.ReviewNotes;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.Turn;

/**
 * Opens a session's transcript, notes and rating to its care team (clinicians only: a robot runs its sessions but
 * does not review them); each look and each addition is audited.
 */
public final class SessionReview implements ReviewingCareSessions {

    private final Turns turns;
    private final ReviewNotes notes;
    private final CareExperienceRatings ratings;
    private final CareRecordAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public SessionReview(Turns turns, ReviewNotes notes, CareExperienceRatings ratings, CareRecordAccess access,
                         Transactions transactions, Clock clock) {
        this.turns = turns;
        this.notes = notes;
        this.ratings = ratings;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Turn> transcript(Caller caller, CareSessionId session) {
        return transactions.inOne(() -> {
            open(caller, session, AuditAction.READ, new EntityRef("Transcript", session.toString()));
            return turns.of(session);
        });
    }

    @Override
    public Turn liveTurn(Caller caller, Turn turn) {
        return transactions.inOne(() -> {
            open(caller, turn.session(), AuditAction.READ, new EntityRef("Transcript", turn.session().toString()));
            return turn;
        });
    }

    @Override
    public ReviewNote addNote(Caller caller, CareSessionId session, String text) {
        ReviewNote note = ReviewNote.write(session, caller.clinician(), clock.instant(), text);
        return transactions.inOne(() -> {
            open(caller, session, AuditAction.CREATE, new EntityRef("ReviewNote", note.id().toString()));
            notes.add(note);
            return note;
        });
    }

    @Override
    public List<ReviewNote> notes(Caller caller, CareSessionId session) {
        return transactions.inOne(() -> {
            open(caller, session, AuditAction.READ, new EntityRef("ReviewNote", session.toString()));
            return notes.of(session);
        });
    }

    @Override
    public CareExperienceRating rate(Caller caller, CareSessionId session, int score, String comment) {
        LikertScore likert = new LikertScore(score);
        return transactions.inOne(() -> {
            AuditAction action = ratings.of(session).isPresent() ? AuditAction.UPDATE : AuditAction.CREATE;
            CareSession rated = open(caller, session, action, rating(session));
            if (rated.state() != SessionState.COMPLETED && rated.state() != SessionState.ABORTED) {
                throw new Conflict("session-not-ended", "a session is rated after it has ended; this one is "
                        + rated.state());
            }
            CareExperienceRating rating = new CareExperienceRating(session, likert, clock.instant(), comment);
            ratings.save(rating);
            return rating;
        });
    }

    @Override
    public Optional<CareExperienceRating> rating(Caller caller, CareSessionId session) {
        return transactions.inOne(() -> {
            open(caller, session, AuditAction.READ, rating(session));
            return ratings.of(session);
        });
    }

    private CareSession open(Caller caller, CareSessionId session, AuditAction action, EntityRef entity) {
        access.requireRole(caller, Role.CLINICIAN, action, entity);
        return access.session(caller, session, action, entity);
    }

    private static EntityRef rating(CareSessionId session) {
        return new EntityRef("CareExperienceRating", session.toString());
    }
}
