package org.eecs.adapter.out.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.TurnOpenings;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A turn's opening in one statement: one row with the session and its patient, and the patient's preferences, consent
 * versions (each with its scopes) and the session's latest exchanges as arrays beside them.
 *
 * <p>Why a turn reads differently from the clinicians' API, which reads the same records through Hibernate
 * ({@code CareSessions.find}, {@code Patients.find}, {@code Consents.historyOf}): every robot opens a turn several
 * times a minute (20 a second at 64 robots), and those four reads cost a turn four round trips, a commit and about a
 * tenth of its request thread's CPU (query translation, entity loading, hydration, repository proxies). This is one
 * round trip, and mapped straight to the domain.
 *
 * <p>No transaction: one statement sees one snapshot of the database (read committed takes it when the statement
 * starts), so the session, patient, consents and turns it returns agree with each other as they would in one unit of
 * work, and it writes nothing to commit. The snapshot is taken after the turn's instant, so a consent version that
 * takes effect after that instant may be in it: the caller reads the history at the turn's instant, not its newest
 * version.
 */
@Repository
class JdbcTurnOpenings implements TurnOpenings {

    /**
     * The query for {@code limit} recent turns ({@code %d}: a literal, not a parameter). With the number a parameter,
     * PostgreSQL's generic plan, which cannot know it, was costed above the plans made for the number given once the
     * table held many sessions' turns, so the statement was planned again at every execution (a custom plan: about a
     * tenth of the database's CPU at 64 robots, in a profile of its backends). With the number written in, the
     * session's id is the only parameter and the prepared statement keeps one generic plan; the use case asks for one
     * number, so this is one statement.
     */
    private static final String QUERY = """
            select s.patient_id, s.robot_id, s.window_start, s.window_end, s.care_goal, s.emotion_input, s.state,
                   s.started_at, s.ended_at, s.end_reason, s.crisis_flagged_at,
                   p.alias, p.birth_year, p.gender, p.preferred_language, p.identifier_system, p.identifier_value,
                   array(select n.note from patient_preference n where n.patient_id = p.id order by n.position),
                   consents.versions, consents.statuses, consents.effective_from, consents.recorded_by,
                   consents.retention_seconds, consents.scopes,
                   recent.utterances, recent.answers
            from care_session s
            join patient p on p.id = s.patient_id
            cross join lateral (
                select array_agg(c.version order by c.version) as versions,
                       array_agg(c.status order by c.version) as statuses,
                       -- microseconds since the epoch (what PostgreSQL keeps of an instant): a number is cheaper to
                       -- read from an array than a timestamp, which the driver converts through a Calendar
                       array_agg((extract(epoch from c.effective_from) * 1000000)::bigint order by c.version)
                           as effective_from,
                       array_agg(c.recorded_by order by c.version) as recorded_by,
                       array_agg(c.recording_retention_seconds order by c.version) as retention_seconds,
                       array_agg(coalesce((select string_agg(cs.scope, ',') from consent_scope cs
                                           where cs.patient_id = c.patient_id and cs.version = c.version), '')
                                 order by c.version) as scopes
                from consent c
                where c.patient_id = s.patient_id) consents
            cross join lateral (
                select array_agg(t.utterance order by t.sequence) as utterances,
                       array_agg(t.response_text order by t.sequence) as answers
                from (select t.sequence, t.utterance, t.response_text from turn t
                      where t.session_id = s.id
                      order by t.sequence desc
                      limit %d) t) recent
            where s.id = ?""";

    /** The query for each number of recent turns asked for (one: the use case's). */
    private final Map<Integer, String> queries = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;

    JdbcTurnOpenings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TurnOpening> of(CareSessionId session, int recentTurns) {
        if (recentTurns < 0) {
            throw new IllegalArgumentException("a turn reads a number of recent turns, not " + recentTurns);
        }
        return jdbc.sql(queries.computeIfAbsent(recentTurns, QUERY::formatted)).param(session.value())
                .query((row, n) -> opening(session, row)).optional();
    }

    private static TurnOpening opening(CareSessionId id, ResultSet row) throws SQLException {
        PatientId patientId = new PatientId(row.getObject(1, UUID.class));
        CareSession session = new CareSession(id, patientId, new RobotId(row.getString(2)),
                new TimeWindow(instant(row, 3), instant(row, 4)), row.getString(5), row.getBoolean(6),
                SessionState.valueOf(row.getString(7)), instant(row, 8), instant(row, 9), row.getString(10),
                instant(row, 11));
        String identifierSystem = row.getString(16);
        Patient patient = new Patient(patientId, row.getString(12), row.getInt(13), Gender.valueOf(row.getString(14)),
                row.getString(15), new Preferences(List.of(strings(row, 18))),
                identifierSystem == null ? null : new HospitalIdentifier(identifierSystem, row.getString(17)));
        return new TurnOpening(session, patient, consents(patientId, row), exchanges(row));
    }

    /** The versions in order, each from the same position of the six arrays. */
    private static ConsentHistory consents(PatientId patient, ResultSet row) throws SQLException {
        Integer[] versions = elements(row, 19, Integer[].class);
        String[] statuses = strings(row, 20);
        Long[] effectiveFrom = elements(row, 21, Long[].class);
        String[] recordedBy = strings(row, 22);
        Long[] retentionSeconds = elements(row, 23, Long[].class);
        String[] scopes = strings(row, 24);
        List<Consent> history = new ArrayList<>(versions.length);
        for (int i = 0; i < versions.length; i++) {
            history.add(new Consent(patient, versions[i], ConsentStatus.valueOf(statuses[i]), scopes(scopes[i]),
                    Instant.EPOCH.plus(effectiveFrom[i], ChronoUnit.MICROS), new ClinicianId(recordedBy[i]),
                    retentionSeconds[i] == null ? null : Duration.ofSeconds(retentionSeconds[i])));
        }
        return new ConsentHistory(patient, history);
    }

    private static List<Exchange> exchanges(ResultSet row) throws SQLException {
        String[] utterances = strings(row, 25);
        String[] answers = strings(row, 26);
        List<Exchange> exchanges = new ArrayList<>(utterances.length);
        for (int i = 0; i < utterances.length; i++) {
            exchanges.add(new Exchange(utterances[i], answers[i]));
        }
        return exchanges;
    }

    private static Set<ConsentScope> scopes(String joined) {
        Set<ConsentScope> scopes = EnumSet.noneOf(ConsentScope.class);
        if (!joined.isEmpty()) {
            for (String scope : joined.split(",")) {
                scopes.add(ConsentScope.valueOf(scope));
            }
        }
        return scopes;
    }

    private static String[] strings(ResultSet row, int column) throws SQLException {
        return elements(row, column, String[].class);
    }

    /** An array column's elements; none for SQL null (an aggregate over no rows). */
    private static <T> T elements(ResultSet row, int column, Class<T> type) throws SQLException {
        Array array = row.getArray(column);
        return type.cast(array == null ? java.lang.reflect.Array.newInstance(type.componentType(), 0)
                : array.getArray());
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
