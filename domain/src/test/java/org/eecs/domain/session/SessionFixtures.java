package org.eecs.domain.session;

import java.time.Instant;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;

/** Care sessions in each state, reached the way the care process reaches them. */
final class SessionFixtures {

    static final Instant NINE = Instant.parse("2025-03-01T09:00:00Z");
    static final Instant STARTED = NINE.plusSeconds(60);
    static final Instant ENDED = NINE.plusSeconds(1_500);
    static final TimeWindow MORNING = new TimeWindow(NINE, NINE.plusSeconds(1_800));

    private SessionFixtures() {
    }

    static CareSession scheduled() {
        return CareSession.schedule(PatientId.newId(), new RobotId("pepper-01"), MORNING,
                "ease loneliness through reminiscence", true);
    }

    static CareSession inState(SessionState state) {
        return switch (state) {
            case SCHEDULED -> scheduled();
            case IN_PROGRESS -> scheduled().start(STARTED);
            case COMPLETED -> scheduled().start(STARTED).complete(ENDED);
            case CANCELLED -> scheduled().cancel("patient unwell", NINE.minusSeconds(3_600));
            case ABORTED -> scheduled().start(STARTED).abort("consent withdrawn", ENDED);
        };
    }
}
