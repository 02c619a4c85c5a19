package org.eecs.domain.performance;

import java.time.Duration;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/** A word or a phoneme of synthesised speech and when it is heard, from the start of the audio. */
public record TimedLabel(String label, Duration start, Duration end) {

    public static final int MAX_LABEL_LENGTH = 100;

    public TimedLabel {
        Require.text("label", label, MAX_LABEL_LENGTH);
        Require.present("start of " + Require.quote(label), start);
        Require.present("end of " + Require.quote(label), end);
        if (start.isNegative() || end.compareTo(start) < 0) {
            throw new DomainViolation("the timing of " + Require.quote(label) + " must satisfy 0 <= start <= end, got "
                    + start + " to " + end);
        }
    }
}
