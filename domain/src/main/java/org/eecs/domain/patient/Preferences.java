package org.eecs.domain.patient;

import java.util.List;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * Free-text notes a clinician keeps about what comforts this patient ("likes to talk about gardening",
 * "prefers short answers"). They are passed to the robot's reasoning, so they are bounded in size.
 */
public record Preferences(List<String> notes) {

    public static final int MAX_NOTES = 50;
    public static final int MAX_NOTE_LENGTH = 500;

    public Preferences {
        Require.present("preference notes", notes);
        if (notes.size() > MAX_NOTES) {
            throw new DomainViolation("a patient has at most " + MAX_NOTES + " preference notes, got " + notes.size());
        }
        for (int i = 0; i < notes.size(); i++) {
            Require.text("preference note " + (i + 1), notes.get(i), MAX_NOTE_LENGTH);
        }
        notes = List.copyOf(notes);
    }

    public static Preferences none() {
        return new Preferences(List.of());
    }

    public boolean isEmpty() {
        return notes.isEmpty();
    }
}
