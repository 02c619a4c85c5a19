package org.eecs.domain.review;

import java.time.Instant;
import java.util.UUID;
import org.eecs.domain.Require;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.session.CareSessionId;

/** A clinician's note on a care session, written while reviewing its transcript. Notes are added, never edited. */
public record ReviewNote(UUID id, CareSessionId session, ClinicianId author, Instant writtenAt, String text) {

    public static final int MAX_TEXT_LENGTH = 4000;

    public ReviewNote {
        Require.present("review note id", id);
        Require.present("care session", session);
        Require.present("author", author);
        Require.present("written at", writtenAt);
        Require.text("text", text, MAX_TEXT_LENGTH);
    }

    public static ReviewNote write(CareSessionId session, ClinicianId author, Instant at, String text) {
        return new ReviewNote(UUID.randomUUID(), session, author, at, text);
    }
}
