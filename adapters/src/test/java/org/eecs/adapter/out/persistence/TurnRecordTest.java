package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.session.SessionState.IN_PROGRESS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.Turns;
import org.eecs.application.port.out.Turns.NextTurn;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A turn's record, as other connections (other instances) see it: the turn, the answer to the robot's retry key and
 * the announcement to live transcripts become visible together, at the commit of the turn's unit of work, or not at
 * all; a turn recorded while another unit holds its session waits for it, and is numbered, or refused, by what that
 * unit committed.
 */
@IntegrationTest
class TurnRecordTest {

    private static final Instant NINE_AM = Instant.parse("2026-11-25T09:00:00Z");

    @Autowired Patients patients;
    @Autowired Robots robots;
    @Autowired CareSessions sessions;
    @Autowired Turns turns;
    @Autowired Transactions transactions;
    @Autowired DataSource dataSource;

    @Test
    void whenTheTurnIsRecorded_itsKeyIsAnsweredInTheSameUnit() throws SQLException {
        CareSession session = runningSession();
        RetryKey key = claimed(session);
        TurnDraft turn = turn(session);

        try (Connection another = dataSource.getConnection()) {
            transactions.inOne(() -> {
                assertThat(turns.recordNext(turn, IN_PROGRESS, Optional.of(key)))
                        .isEqualTo(new NextTurn.Recorded(turn.numbered(1)));
                assertThat(seen(another, turn, key)).as("before the commit: neither the turn nor its key's answer")
                        .isEqualTo(new Seen(false, true, null));
                return null;
            });
            assertThat(seen(another, turn, key)).as("after: both").isEqualTo(new Seen(true, false, turn.id().value()));
        }
    }

    @Test
    void aTurnRolledBack_leavesItsKeyClaimedAndUnanswered_soThatItCanBeGivenBack() throws SQLException {
        CareSession session = runningSession();
        RetryKey key = claimed(session);
        TurnDraft turn = turn(session);

        assertThatThrownBy(() -> transactions.inOne(() -> {
            turns.recordNext(turn, IN_PROGRESS, Optional.of(key));
            throw new IllegalStateException("the session ended meanwhile");
        })).hasMessage("the session ended meanwhile");

        try (Connection another = dataSource.getConnection()) {
            assertThat(seen(another, turn, key)).isEqualTo(new Seen(false, true, null));
        }
    }

    @Test
    void aKeyAnsweredOtherwise_isNotTakenOverByATurn() throws SQLException {
        CareSession session = runningSession();
        RetryKey key = claimed(session);
        TurnDraft first = turn(session);
        TurnDraft second = turn(session);
        turns.recordNext(first, IN_PROGRESS, Optional.of(key));

        turns.recordNext(second, IN_PROGRESS, Optional.of(key));

        try (Connection another = dataSource.getConnection()) {
            assertThat(seen(another, second, key)).isEqualTo(new Seen(true, false, first.id().value()));
        }
    }

    @Test
    void aRecordedTurnIsAnnouncedToLiveTranscripts_atItsCommit_andARolledBackOneNever() throws SQLException {
        CareSession session = runningSession();
        TurnDraft recorded = turn(session);
        TurnDraft rolledBack = turn(session);

        try (Connection listening = dataSource.getConnection(); Statement listen = listening.createStatement()) {
            listen.execute("listen eecs_turn_recorded");
            PGConnection notices = listening.unwrap(PGConnection.class);
            transactions.inOne(() -> {
                turns.recordNext(recorded, IN_PROGRESS, Optional.empty());
                assertThat(noticesOf(notices, session, Duration.ofMillis(200))).as("not before the commit").isEmpty();
                return null;
            });
            assertThat(noticesOf(notices, session, Duration.ofSeconds(5)))
                    .containsExactly(session.id() + " " + recorded.id());

            assertThatThrownBy(() -> transactions.inOne(() -> {
                turns.recordNext(rolledBack, IN_PROGRESS, Optional.empty());
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            assertThat(noticesOf(notices, session, Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void turnsOfOneSessionRecordedAtOnce_areNumberedOneAfterTheOther() throws Exception {
        CareSession session = runningSession();
        TurnDraft first = turn(session);
        TurnDraft second = turn(session);
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<NextTurn> recordingFirst = instances.submit(() -> transactions.inOne(() -> {
                NextTurn recorded = turns.recordNext(first, IN_PROGRESS, Optional.empty());
                firstRecorded.countDown();
                awaitUninterruptibly(firstMayCommit);
                return recorded;
            }));
            assertThat(firstRecorded.await(10, TimeUnit.SECONDS)).isTrue();
            Future<NextTurn> recordingSecond = instances.submit(() -> transactions.inOne(() ->
                    turns.recordNext(second, IN_PROGRESS, Optional.empty())));
            awaitARecordingWaitingForItsSession();

            firstMayCommit.countDown();

            assertThat(recordingFirst.get(10, TimeUnit.SECONDS)).isEqualTo(new NextTurn.Recorded(first.numbered(1)));
            assertThat(recordingSecond.get(10, TimeUnit.SECONDS))
                    .as("numbered once the first is committed, not from what was there when its statement began")
                    .isEqualTo(new NextTurn.Recorded(second.numbered(2)));
        } finally {
            firstMayCommit.countDown();
            instances.shutdownNow();
        }
        assertThat(turns.of(session.id())).extracting(Turn::id).containsExactly(first.id(), second.id());
    }

    @Test
    void aSessionEndedWhileItsTurnWaitedForIt_takesNoTurn_andLeavesTheKeyUnanswered() throws Exception {
        CareSession session = runningSession();
        RetryKey key = claimed(session);
        TurnDraft turn = turn(session);
        ExecutorService instance = Executors.newSingleThreadExecutor();
        try (Connection another = dataSource.getConnection()) {
            another.setAutoCommit(false);
            try (PreparedStatement abort = another.prepareStatement("update care_session set state = 'ABORTED', "
                    + "ended_at = started_at, end_reason = 'consent withdrawn' where id = ?")) {
                abort.setObject(1, session.id().value());
                abort.executeUpdate();
            }
            Future<NextTurn> recording = instance.submit(() -> transactions.inOne(() ->
                    turns.recordNext(turn, IN_PROGRESS, Optional.of(key))));
            awaitARecordingWaitingForItsSession();

            another.commit();

            assertThat(recording.get(10, TimeUnit.SECONDS)).isEqualTo(new NextTurn.SessionMoved(SessionState.ABORTED));
            assertThat(seen(another, turn, key)).isEqualTo(new Seen(false, true, null));
        } finally {
            instance.shutdownNow();
        }
    }

    @Test
    void noTurnIsRecordedForASessionThatIsNotThere_orNotInTheStateExpected() {
        CareSession session = runningSession();

        assertThat(turns.recordNext(turn(session), SessionState.SCHEDULED, Optional.empty()))
                .isEqualTo(new NextTurn.SessionMoved(IN_PROGRESS));
        assertThat(turns.recordNext(turn(CareSessionId.newId()), IN_PROGRESS, Optional.empty()))
                .isEqualTo(new NextTurn.NoSuchSession());
        assertThat(turns.of(session.id())).isEmpty();
    }

    /** Until another connection's recording waits for the lock on its session (held by a unit not yet committed). */
    private void awaitARecordingWaitingForItsSession() throws SQLException, InterruptedException {
        try (Connection watching = dataSource.getConnection(); PreparedStatement waiting = watching.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'with held as%'")) {
            for (int poll = 0; poll < 200; poll++) {
                try (ResultSet row = waiting.executeQuery()) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no recording waited for its session within 10 s");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What another connection sees: the turn, the key still being answered, and the turn that answered it. */
    private record Seen(boolean turnRecorded, boolean keyInProgress, UUID answeredBy) {
    }

    private static Seen seen(Connection another, TurnDraft turn, RetryKey key) {
        try (PreparedStatement read = another.prepareStatement("""
                select exists (select 1 from turn where id = ?),
                       (select status is null and turn_id is null from idempotent_request
                        where caller_id = ? and key = ?),
                       (select turn_id from idempotent_request where caller_id = ? and key = ?)""")) {
            read.setObject(1, turn.id().value());
            read.setString(2, key.robot());
            read.setString(3, key.value());
            read.setString(4, key.robot());
            read.setString(5, key.value());
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return new Seen(row.getBoolean(1), row.getBoolean(2), row.getObject(3, UUID.class));
            }
        } catch (SQLException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static List<String> noticesOf(PGConnection notices, CareSession session, Duration wait) {
        List<String> of = new ArrayList<>();
        PGNotification[] received;
        try {
            received = notices.getNotifications((int) wait.toMillis());
        } catch (SQLException unreadable) {
            throw new IllegalStateException(unreadable);
        }
        for (PGNotification notice : received == null ? new PGNotification[0] : received) {
            if (notice.getParameter().startsWith(session.id().toString())) {
                of.add(notice.getParameter());
            }
        }
        return of;
    }

    /** The key claimed, as the robot API claims it before the turn is taken. */
    private RetryKey claimed(CareSession session) throws SQLException {
        RetryKey key = new RetryKey(session.robot().value(), "turn-" + UUID.randomUUID());
        try (Connection connection = dataSource.getConnection(); PreparedStatement claim = connection.prepareStatement(
                "insert into idempotent_request (caller_id, key, method, path, request_hash) values (?, ?, ?, ?, ?)")) {
            claim.setString(1, key.robot());
            claim.setString(2, key.value());
            claim.setString(3, "POST");
            claim.setString(4, "/api/v1/robot/sessions/" + session.id() + "/text-turns");
            claim.setString(5, "0".repeat(64));
            claim.executeUpdate();
        }
        return key;
    }

    private static TurnDraft turn(CareSession session) {
        return turn(session.id());
    }

    private static TurnDraft turn(CareSessionId session) {
        return new TurnDraft(TurnId.newId(), session, NINE_AM.plusSeconds(30), "hello", List.of(),
                new CareResponse("Hello, I'm glad to see you.", Tone.WARM, FacialExpression.SMILE, Motion.NOD), false,
                StageLatencies.none(), new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY, "care library", "9f3e2a",
                Optional.empty()), Optional.empty());
    }

    private CareSession runningSession() {
        Patient patient = Patient.register("Sam", 1958, Gender.MALE, "en", Preferences.none());
        patients.save(patient);
        Robot robot = new Robot(new RobotId("ward-" + UUID.randomUUID().toString().substring(0, 8)), "Xiao Ai",
                "humanoid-h1", "profiles/humanoid-h1.yaml");
        robots.save(robot);
        CareSession session = CareSession.schedule(patient.id(), robot.id(),
                new TimeWindow(NINE_AM, NINE_AM.plus(Duration.ofMinutes(59)).truncatedTo(ChronoUnit.MICROS)),
                "ease pre-operative anxiety", true).start(NINE_AM);
        sessions.save(session);
        return session;
    }
}
