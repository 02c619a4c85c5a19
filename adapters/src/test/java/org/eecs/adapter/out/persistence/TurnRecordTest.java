package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import javax.sql.DataSource;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.Turns;
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
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A turn's record, as other connections (other instances) see it: the turn, the answer to the robot's retry key and
 * the announcement to live transcripts become visible together, at the commit of the turn's unit of work, or not at
 * all.
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
        CareSession session = scheduledSession();
        RetryKey key = claimed(session);
        Turn turn = turn(session, 1);

        try (Connection another = dataSource.getConnection()) {
            transactions.inOne(() -> {
                turns.save(turn, Optional.of(key));
                assertThat(seen(another, turn, key)).as("before the commit: neither the turn nor its key's answer")
                        .isEqualTo(new Seen(false, true, null));
                return null;
            });
            assertThat(seen(another, turn, key)).as("after: both").isEqualTo(new Seen(true, false, turn.id().value()));
        }
    }

    @Test
    void aTurnRolledBack_leavesItsKeyClaimedAndUnanswered_soThatItCanBeGivenBack() throws SQLException {
        CareSession session = scheduledSession();
        RetryKey key = claimed(session);
        Turn turn = turn(session, 1);

        assertThatThrownBy(() -> transactions.inOne(() -> {
            turns.save(turn, Optional.of(key));
            throw new IllegalStateException("the session ended meanwhile");
        })).hasMessage("the session ended meanwhile");

        try (Connection another = dataSource.getConnection()) {
            assertThat(seen(another, turn, key)).isEqualTo(new Seen(false, true, null));
        }
    }

    @Test
    void aKeyAnsweredOtherwise_isNotTakenOverByATurn() throws SQLException {
        CareSession session = scheduledSession();
        RetryKey key = claimed(session);
        Turn first = turn(session, 1);
        Turn second = turn(session, 2);
        turns.save(first, Optional.of(key));

        turns.save(second, Optional.of(key));

        try (Connection another = dataSource.getConnection()) {
            assertThat(seen(another, second, key)).isEqualTo(new Seen(true, false, first.id().value()));
        }
    }

    @Test
    void aRecordedTurnIsAnnouncedToLiveTranscripts_atItsCommit_andARolledBackOneNever() throws SQLException {
        CareSession session = scheduledSession();
        Turn recorded = turn(session, 1);
        Turn rolledBack = turn(session, 2);

        try (Connection listening = dataSource.getConnection(); Statement listen = listening.createStatement()) {
            listen.execute("listen eecs_turn_recorded");
            PGConnection notices = listening.unwrap(PGConnection.class);
            transactions.inOne(() -> {
                turns.save(recorded);
                assertThat(noticesOf(notices, session, Duration.ofMillis(200))).as("not before the commit").isEmpty();
                return null;
            });
            assertThat(noticesOf(notices, session, Duration.ofSeconds(5)))
                    .containsExactly(session.id() + " " + recorded.id());

            assertThatThrownBy(() -> transactions.inOne(() -> {
                turns.save(rolledBack);
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            assertThat(noticesOf(notices, session, Duration.ofMillis(500))).isEmpty();
        }
    }

    /** What another connection sees: the turn, the key still being answered, and the turn that answered it. */
    private record Seen(boolean turnRecorded, boolean keyInProgress, UUID answeredBy) {
    }

    private static Seen seen(Connection another, Turn turn, RetryKey key) {
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

    private static Turn turn(CareSession session, int sequence) {
        return new Turn(TurnId.newId(), session.id(), sequence, NINE_AM.plusSeconds(30L * sequence), "hello",
                List.of(), new CareResponse("Hello, I'm glad to see you.", Tone.WARM, FacialExpression.SMILE,
                Motion.NOD), false, StageLatencies.none(), new AnsweredBy(AnsweredBy.Kind.CARE_LIBRARY,
                "care library", "9f3e2a", Optional.empty()), Optional.empty(), Optional.empty());
    }

    private CareSession scheduledSession() {
        Patient patient = Patient.register("Sam", 1958, Gender.MALE, "en", Preferences.none());
        patients.save(patient);
        Robot robot = new Robot(new RobotId("ward-" + UUID.randomUUID().toString().substring(0, 8)), "Xiao Ai",
                "humanoid-h1", "profiles/humanoid-h1.yaml");
        robots.save(robot);
        CareSession session = CareSession.schedule(patient.id(), robot.id(),
                new TimeWindow(NINE_AM, NINE_AM.plus(Duration.ofMinutes(59)).truncatedTo(ChronoUnit.MICROS)),
                "ease pre-operative anxiety", true);
        sessions.save(session);
        return session;
    }
}
