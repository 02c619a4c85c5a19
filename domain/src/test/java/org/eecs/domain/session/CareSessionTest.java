package org.eecs.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.session.SessionFixtures.ENDED;
import static org.eecs.domain.session.SessionFixtures.MORNING;
import static org.eecs.domain.session.SessionFixtures.NINE;
import static org.eecs.domain.session.SessionFixtures.STARTED;
import static org.eecs.domain.session.SessionFixtures.inState;
import static org.eecs.domain.session.SessionFixtures.scheduled;

import org.eecs.domain.DomainViolation;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CareSessionTest {

    @Test
    void scheduledSessionHasNotStarted() {
        CareSession session = scheduled();

        assertThat(session.state()).isEqualTo(SessionState.SCHEDULED);
        assertThat(session.startedAt()).isNull();
        assertThat(session.endedAt()).isNull();
        assertThat(session.endReason()).isNull();
        assertThat(session.emotionInput()).isTrue();
    }

    @Test
    void startingRecordsTheStartTime() {
        CareSession running = scheduled().start(STARTED);

        assertThat(running.state()).isEqualTo(SessionState.IN_PROGRESS);
        assertThat(running.startedAt()).isEqualTo(STARTED);
    }

    @Test
    void completingKeepsTheStartAndRecordsTheEnd() {
        CareSession done = scheduled().start(STARTED).complete(ENDED);

        assertThat(done.startedAt()).isEqualTo(STARTED);
        assertThat(done.endedAt()).isEqualTo(ENDED);
        assertThat(done.endReason()).isNull();
    }

    @Test
    void cancelledSessionNeverStarted() {
        CareSession cancelled = scheduled().cancel("patient unwell", NINE);

        assertThat(cancelled.startedAt()).isNull();
        assertThat(cancelled.endedAt()).isEqualTo(NINE);
        assertThat(cancelled.endReason()).isEqualTo("patient unwell");
    }

    @Test
    void abortedSessionKeepsWhenItStartedAndWhy() {
        CareSession aborted = scheduled().start(STARTED).abort("consent withdrawn", ENDED);

        assertThat(aborted.startedAt()).isEqualTo(STARTED);
        assertThat(aborted.endedAt()).isEqualTo(ENDED);
        assertThat(aborted.endReason()).isEqualTo("consent withdrawn");
    }

    @Test
    void completedSessionCannotBeStarted() {
        CareSession done = inState(SessionState.COMPLETED);

        assertThatThrownBy(() -> done.start(ENDED))
                .isInstanceOf(IllegalSessionTransition.class)
                .hasMessage("a care session cannot go from COMPLETED to IN_PROGRESS");
    }

    @Test
    void cancellingOrAbortingNeedsAReason() {
        assertThatThrownBy(() -> scheduled().cancel(" ", NINE))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("endReason must not be blank");
        assertThatThrownBy(() -> scheduled().start(STARTED).abort(null, ENDED))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("endReason");
    }

    @Test
    void sessionCannotEndBeforeItStarted() {
        CareSession running = scheduled().start(STARTED);

        assertThatThrownBy(() -> running.complete(STARTED.minusSeconds(1)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("cannot end before it started");
        assertThatThrownBy(() -> running.abort("fault", STARTED.minusSeconds(1)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("cannot end before it started");
    }

    @Test
    void transitionsNeedATime() {
        assertThatThrownBy(() -> scheduled().start(null)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> scheduled().start(STARTED).complete(null)).isInstanceOf(DomainViolation.class);
    }

    @ParameterizedTest
    @EnumSource(SessionState.class)
    void onlyARunningSessionAcceptsTurns(SessionState state) {
        assertThat(inState(state).acceptsTurns()).isEqualTo(state == SessionState.IN_PROGRESS);
    }

    @Test
    void careGoalIsRequiredAndBounded() {
        PatientId patient = PatientId.newId();
        RobotId robot = new RobotId("pepper-01");

        assertThatThrownBy(() -> CareSession.schedule(patient, robot, MORNING, "", false))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("careGoal must not be blank");
        assertThatThrownBy(() -> CareSession.schedule(patient, robot, MORNING, "g".repeat(501), false))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("careGoal must be at most 500 characters");
    }

    @Test
    void timestampsMustAgreeWithTheState() {
        CareSession s = scheduled();

        assertThatThrownBy(() -> new CareSession(s.id(), s.patient(), s.robot(), s.window(), s.careGoal(), true,
                SessionState.IN_PROGRESS, null, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("a care session in state IN_PROGRESS needs a start time");
        assertThatThrownBy(() -> new CareSession(s.id(), s.patient(), s.robot(), s.window(), s.careGoal(), true,
                SessionState.SCHEDULED, STARTED, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("a care session in state SCHEDULED has no start time");
        assertThatThrownBy(() -> new CareSession(s.id(), s.patient(), s.robot(), s.window(), s.careGoal(), true,
                SessionState.COMPLETED, STARTED, null, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("a care session in state COMPLETED needs an end time");
        assertThatThrownBy(() -> new CareSession(s.id(), s.patient(), s.robot(), s.window(), s.careGoal(), true,
                SessionState.IN_PROGRESS, STARTED, ENDED, null, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("a care session in state IN_PROGRESS has no end time");
        assertThatThrownBy(() -> new CareSession(s.id(), s.patient(), s.robot(), s.window(), s.careGoal(), true,
                SessionState.CANCELLED, STARTED, ENDED, "patient unwell", null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("a care session in state CANCELLED has no start time");
    }

    @Test
    void onlyAnEarlyEndHasAReason() {
        CareSession s = scheduled();

        assertThatThrownBy(() -> new CareSession(s.id(), s.patient(), s.robot(), s.window(), s.careGoal(), true,
                SessionState.COMPLETED, STARTED, ENDED, "went well", null))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("only a cancelled or aborted care session has an end reason");
    }

    @Test
    void idPrintsAndParsesAsUuidText() {
        CareSessionId id = CareSessionId.newId();

        assertThat(CareSessionId.of(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> CareSessionId.of("session-1"))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("care session id");
    }

    @Test
    void aCrisisFlagIsKeptFromTheFirstTimeThroughTheEndOfTheSession() {
        CareSession running = inState(SessionState.IN_PROGRESS);
        CareSession flagged = running.flagCrisis(STARTED.plusSeconds(30));

        assertThat(running.flaggedForCrisis()).isFalse();
        assertThat(flagged.flaggedForCrisis()).isTrue();
        assertThat(flagged.flagCrisis(STARTED.plusSeconds(90)).crisisFlaggedAt()).isEqualTo(STARTED.plusSeconds(30));
        assertThat(flagged.state()).isEqualTo(SessionState.IN_PROGRESS);
        assertThat(flagged.complete(ENDED).crisisFlaggedAt()).isEqualTo(STARTED.plusSeconds(30));
        assertThat(flagged.abort("crisis", ENDED).crisisFlaggedAt()).isEqualTo(STARTED.plusSeconds(30));
    }

    @Test
    void onlyAStartedSessionCanBeFlaggedForCrisis() {
        assertThatThrownBy(() -> scheduled().flagCrisis(STARTED))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("flagged for crisis only after it started");
        assertThatThrownBy(() -> inState(SessionState.IN_PROGRESS).flagCrisis(STARTED.minusSeconds(1)))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("flagged for crisis only after it started");
    }
}
