package org.eecs.application.fakes;

import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.out.ReviewNotes;
import org.eecs.domain.review.ReviewNote;
import org.eecs.domain.session.CareSessionId;

/** Notes in the order they were added, which is oldest first. */
public final class InMemoryReviewNotes implements ReviewNotes, RollsBack {

    private final List<ReviewNote> notes = new ArrayList<>();

    @Override
    public void add(ReviewNote note) {
        notes.add(note);
    }

    @Override
    public List<ReviewNote> of(CareSessionId session) {
        return notes.stream().filter(note -> note.session().equals(session)).toList();
    }

    @Override
    public Runnable checkpoint() {
        List<ReviewNote> saved = List.copyOf(notes);
        return () -> {
            notes.clear();
            notes.addAll(saved);
        };
    }
}
