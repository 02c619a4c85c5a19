package org.eecs.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.session.SessionFixtures.inState;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The complete life-cycle table: every pair of states, whether the move is allowed, and what happens
 * when the corresponding step is attempted. No step leads back to SCHEDULED, so for that column only
 * the table itself is checked.
 */
class SessionTransitionsTest {

    private static final Instant LATER = SessionFixtures.ENDED.plusSeconds(60);

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @CsvSource({
            "SCHEDULED,   SCHEDULED,   false",
            "SCHEDULED,   IN_PROGRESS, true",
            "SCHEDULED,   COMPLETED,   false",
            "SCHEDULED,   CANCELLED,   true",
            "SCHEDULED,   ABORTED,     false",
            "IN_PROGRESS, SCHEDULED,   false",
            "IN_PROGRESS, IN_PROGRESS, false",
            "IN_PROGRESS, COMPLETED,   true",
            "IN_PROGRESS, CANCELLED,   false",
            "IN_PROGRESS, ABORTED,     true",
            "COMPLETED,   SCHEDULED,   false",
            "COMPLETED,   IN_PROGRESS, false",
            "COMPLETED,   COMPLETED,   false",
            "COMPLETED,   CANCELLED,   false",
            "COMPLETED,   ABORTED,     false",
            "CANCELLED,   SCHEDULED,   false",
            "CANCELLED,   IN_PROGRESS, false",
            "CANCELLED,   COMPLETED,   false",
            "CANCELLED,   CANCELLED,   false",
            "CANCELLED,   ABORTED,     false",
            "ABORTED,     SCHEDULED,   false",
            "ABORTED,     IN_PROGRESS, false",
            "ABORTED,     COMPLETED,   false",
            "ABORTED,     CANCELLED,   false",
            "ABORTED,     ABORTED,     false"
    })
    void lifeCycle(SessionState from, SessionState to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (to == SessionState.SCHEDULED) {
            return;
        }
        CareSession session = inState(from);

        if (allowed) {
            CareSession moved = step(session, to);
            assertThat(moved.state()).isEqualTo(to);
            assertThat(moved.id()).isEqualTo(session.id());
        } else {
            assertThatThrownBy(() -> step(session, to))
                    .isInstanceOfSatisfying(IllegalSessionTransition.class, e -> {
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                    })
                    .hasMessage("a care session cannot go from " + from + " to " + to);
        }
    }

    private static CareSession step(CareSession session, SessionState to) {
        return switch (to) {
            case IN_PROGRESS -> session.start(LATER);
            case COMPLETED -> session.complete(LATER);
            case CANCELLED -> session.cancel("robot unavailable", LATER);
            case ABORTED -> session.abort("crisis: handed over to the nurse on duty", LATER);
            case SCHEDULED -> throw new IllegalArgumentException("no step leads back to SCHEDULED");
        };
    }
}
