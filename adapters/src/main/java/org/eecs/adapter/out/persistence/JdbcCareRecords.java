package org.eecs.adapter.out.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eecs.application.port.out.CareRecords;
import org.eecs.application.port.records.CareRecord.ConsentRecord;
import org.eecs.application.port.records.CareRecord.EmotionRecord;
import org.eecs.application.port.records.CareRecord.PatientRecord;
import org.eecs.application.port.records.CareRecord.RatingRecord;
import org.eecs.application.port.records.CareRecord.RobotRecord;
import org.eecs.application.port.records.CareRecord.SessionRecord;
import org.eecs.application.port.records.CareRecord;
import org.eecs.application.port.records.Keyset;
import org.eecs.application.port.records.RecordCriteria;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentScope;
import org.eecs.domain.consent.ConsentStatus;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.HospitalIdentifier;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.rating.CareExperienceRating;
import org.eecs.domain.rating.LikertScore;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.session.CareSession;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Care records for the exchange with the hospital, read with plain SQL: one query per kind of record, each
 * listing in (last change, id) order from a keyset. Streams read through a server-side cursor a few hundred rows
 * at a time (PostgreSQL's driver does so inside a transaction with a fetch size), so an export of millions of
 * records holds only those rows in memory.
 */
@Repository
@Transactional(readOnly = true)
class JdbcCareRecords implements CareRecords {

    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate cursor;

    JdbcCareRecords(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(FETCH_SIZE);
    }

    @Override
    public Optional<CareRecord> find(RecordType type, String id) {
        return page(type, RecordCriteria.ANY.withIds(Set.of(id)), null, false, 1).stream().findFirst();
    }

    @Override
    public Optional<CareRecord> consentVersion(PatientId patient, int version) {
        Kind kind = Kind.CONSENT;
        RecordSql query = new RecordSql(CONSENT_COLUMNS, "consent c", "c.effective_from", "c.patient_id::text")
                .where("c.patient_id = ?", patient.value())
                .where("c.version = ?", version);
        return jdbc.query(query.sql(false, 1), kind.mapper, query.parameters()).stream().findFirst();
    }

    @Override
    public List<CareRecord> page(RecordType type, RecordCriteria criteria, Keyset from, boolean descending,
                                 int limit) {
        Kind kind = Kind.of(type);
        RecordSql query = kind.query(criteria).after(from, descending);
        return query.matchesNothing() ? List.of()
                : jdbc.query(query.sql(descending, limit), kind.mapper, query.parameters());
    }

    @Override
    public void stream(RecordType type, RecordCriteria criteria, Consumer<CareRecord> each) {
        Kind kind = Kind.of(type);
        RecordSql query = kind.query(criteria);
        if (!query.matchesNothing()) {
            cursor.query(query.sql(false, null), row -> {
                each.accept(kind.mapper.mapRow(row, 0));
            }, query.parameters());
        }
    }

    @Override
    public void patientsOf(RecordType type, RecordCriteria criteria, Consumer<PatientId> each) {
        Kind kind = Kind.of(type);
        RecordSql query = kind.query(criteria);
        if (kind.patient != null && !query.matchesNothing()) {
            cursor.query(query.distinct(kind.patient), row -> {
                each.accept(new PatientId(row.getObject("value", UUID.class)));
            }, query.parameters());
        }
    }

    private static final String CONSENT_COLUMNS = """
            c.patient_id, c.version, c.status, c.effective_from, c.recorded_by, c.recording_retention_seconds,
            array(select cs.scope from consent_scope cs where cs.patient_id = c.patient_id and cs.version = c.version)
              as scopes""";

    /** How each kind of record is selected, filtered and read back. */
    private enum Kind {
        PATIENT(RecordType.PATIENT, """
                p.id, p.alias, p.birth_year, p.gender, p.preferred_language, p.identifier_system, p.identifier_value,
                p.row_version, p.last_updated,
                array(select pp.note from patient_preference pp where pp.patient_id = p.id order by pp.position)
                  as notes""", "patient p", "p.last_updated", "p.id::text", "p.id", JdbcCareRecords::patient) {
            @Override
            void filter(RecordSql query, RecordCriteria criteria) {
                if (!criteria.ids().isEmpty()) {
                    query.in("p.id", uuids(criteria.ids(), Function.identity()));
                }
                if (!criteria.identifiers().isEmpty()) {
                    query.where("(" + String.join(" or ", criteria.identifiers().stream()
                            .map(identifier -> "(p.identifier_system = ? and p.identifier_value = ?)").toList()) + ")",
                            criteria.identifiers().stream()
                                    .flatMap(identifier -> java.util.stream.Stream.of(identifier.system(),
                                            identifier.value()))
                                    .toArray());
                }
                if (!criteria.identifierValues().isEmpty()) {
                    query.in("p.identifier_value", criteria.identifierValues());
                }
            }
        },
        CARE_SESSION(RecordType.CARE_SESSION, """
                s.id, s.patient_id, s.robot_id, s.window_start, s.window_end, s.care_goal, s.emotion_input, s.state,
                s.started_at, s.ended_at, s.end_reason, s.crisis_flagged_at, s.row_version, s.last_updated""",
                "care_session s", "s.last_updated", "s.id::text", "s.patient_id", JdbcCareRecords::session) {
            @Override
            void filter(RecordSql query, RecordCriteria criteria) {
                if (!criteria.ids().isEmpty()) {
                    query.in("s.id", uuids(criteria.ids(), Function.identity()));
                }
                if (!criteria.sessions().isEmpty()) {
                    query.in("s.id", criteria.sessions().stream().map(CareSessionId::value).toList());
                }
                if (!criteria.sessionStates().isEmpty()) {
                    query.in("s.state", criteria.sessionStates().stream().map(SessionState::name).toList());
                }
                query.within("s.window_start", criteria.date());
            }
        },
        EMOTION_OBSERVATION(RecordType.EMOTION_OBSERVATION, """
                o.id, o.modality, o.confidence, o.model_name, o.model_version, o.window_start, o.window_end,
                o.recorded_at, t.session_id, s.patient_id, s.robot_id,
                array(select ep.emotion_class from emotion_probability ep where ep.observation_id = o.id
                      order by ep.position) as classes,
                array(select ep.probability from emotion_probability ep where ep.observation_id = o.id
                      order by ep.position) as probabilities""",
                "emotion_observation o join turn t on t.id = o.turn_id join care_session s on s.id = t.session_id",
                "o.recorded_at", "'" + EmotionRecord.ID_PREFIX + "' || o.id", "s.patient_id",
                JdbcCareRecords::emotion) {
            @Override
            void filter(RecordSql query, RecordCriteria criteria) {
                if (!criteria.ids().isEmpty()) {
                    query.in("o.id", numbers(criteria.ids(), EmotionRecord.ID_PREFIX));
                }
                if (!criteria.sessions().isEmpty()) {
                    query.in("t.session_id", criteria.sessions().stream().map(CareSessionId::value).toList());
                }
                if (!criteria.modalities().isEmpty()) {
                    query.in("o.modality", criteria.modalities().stream().map(Modality::name).toList());
                }
                query.within("o.window_start", criteria.date());
            }
        },
        CARE_EXPERIENCE_RATING(RecordType.CARE_EXPERIENCE_RATING, """
                r.session_id, r.score, r.rated_at, r.comment, r.version, r.last_updated, s.patient_id""",
                "care_experience_rating r join care_session s on s.id = r.session_id", "r.last_updated",
                "'" + RatingRecord.ID_PREFIX + "' || r.session_id::text", "s.patient_id", JdbcCareRecords::rating) {
            @Override
            void filter(RecordSql query, RecordCriteria criteria) {
                if (!criteria.ids().isEmpty()) {
                    query.in("r.session_id", uuids(criteria.ids(), id -> id.startsWith(RatingRecord.ID_PREFIX)
                            ? id.substring(RatingRecord.ID_PREFIX.length()) : ""));
                }
                if (!criteria.sessions().isEmpty()) {
                    query.in("r.session_id", criteria.sessions().stream().map(CareSessionId::value).toList());
                }
                query.within("r.rated_at", criteria.date());
            }
        },
        /** A patient's consent record is its latest version. */
        CONSENT(RecordType.CONSENT, CONSENT_COLUMNS,
                "consent c", "c.effective_from", "c.patient_id::text", "c.patient_id", JdbcCareRecords::consent) {
            @Override
            void filter(RecordSql query, RecordCriteria criteria) {
                query.where("c.version = (select max(latest.version) from consent latest"
                        + " where latest.patient_id = c.patient_id)");
                if (!criteria.ids().isEmpty()) {
                    query.in("c.patient_id", uuids(criteria.ids(), Function.identity()));
                }
                if (!criteria.consentStatuses().isEmpty()) {
                    query.in("c.status", criteria.consentStatuses().stream().map(ConsentStatus::name).toList());
                }
                query.within("c.effective_from", criteria.date());
            }
        },
        ROBOT(RecordType.ROBOT, "r.id, r.name, r.model, r.profile_reference, r.registered_at", "robot r",
                "r.registered_at", "r.id", null, JdbcCareRecords::robot) {
            @Override
            void filter(RecordSql query, RecordCriteria criteria) {
                if (!criteria.ids().isEmpty()) {
                    query.in("r.id", criteria.ids());
                }
            }
        };

        final RecordType type;
        final String columns;
        final String from;
        final String lastUpdated;
        final String key;
        /** The column naming the patient a record is about; null for records about no patient. */
        final String patient;
        final RowMapper<CareRecord> mapper;

        Kind(RecordType type, String columns, String from, String lastUpdated, String key, String patient,
             RowMapper<CareRecord> mapper) {
            this.type = type;
            this.columns = columns;
            this.from = from;
            this.lastUpdated = lastUpdated;
            this.key = key;
            this.patient = patient;
            this.mapper = mapper;
        }

        static Kind of(RecordType type) {
            return Arrays.stream(values()).filter(kind -> kind.type == type).findFirst().orElseThrow();
        }

        abstract void filter(RecordSql query, RecordCriteria criteria);

        /** The query with every criterion that applies to this kind: its own, and those on patients and times. */
        RecordSql query(RecordCriteria criteria) {
            RecordSql query = new RecordSql(columns, from, lastUpdated, key);
            filter(query, criteria);
            query.within(lastUpdated, criteria.lastUpdated());
            if (patient != null) {
                if (!criteria.patients().isEmpty()) {
                    query.in(patient, criteria.patients().stream().map(PatientId::value).toList());
                }
                if (criteria.careTeamMember() != null) {
                    query.where("exists (select 1 from care_team_member m where m.patient_id = " + patient
                            + " and m.clinician_id = ?)", criteria.careTeamMember().value());
                }
            }
            return query;
        }
    }

    /** The ids that are UUIDs once prepared; others can name no record and are left out. */
    private static List<UUID> uuids(Collection<String> ids, Function<String, String> prepare) {
        List<UUID> uuids = new ArrayList<>();
        for (String id : ids) {
            try {
                String text = prepare.apply(id);
                UUID uuid = UUID.fromString(text);
                if (uuid.toString().equals(text)) {
                    uuids.add(uuid);
                }
            } catch (IllegalArgumentException notAUuid) {
                // no record has this id
            }
        }
        return uuids;
    }

    private static List<Long> numbers(Collection<String> ids, String prefix) {
        List<Long> numbers = new ArrayList<>();
        for (String id : ids) {
            if (id.startsWith(prefix) && id.substring(prefix.length()).matches("[1-9][0-9]{0,17}")) {
                numbers.add(Long.parseLong(id.substring(prefix.length())));
            }
        }
        return numbers;
    }

    private static CareRecord patient(ResultSet row, int n) throws SQLException {
        String system = row.getString("identifier_system");
        Patient patient = new Patient(new PatientId(row.getObject("id", UUID.class)), row.getString("alias"),
                row.getInt("birth_year"), Gender.valueOf(row.getString("gender")), row.getString("preferred_language"),
                new Preferences(List.of(strings(row.getArray("notes")))),
                system == null ? null : new HospitalIdentifier(system, row.getString("identifier_value")));
        return new PatientRecord(patient, row.getLong("row_version") + 1, instant(row, "last_updated"));
    }

    private static CareRecord session(ResultSet row, int n) throws SQLException {
        CareSession session = new CareSession(new CareSessionId(row.getObject("id", UUID.class)),
                new PatientId(row.getObject("patient_id", UUID.class)), new RobotId(row.getString("robot_id")),
                new TimeWindow(instant(row, "window_start"), instant(row, "window_end")), row.getString("care_goal"),
                row.getBoolean("emotion_input"), SessionState.valueOf(row.getString("state")),
                instant(row, "started_at"), instant(row, "ended_at"), row.getString("end_reason"),
                instant(row, "crisis_flagged_at"));
        return new SessionRecord(session, row.getLong("row_version") + 1, instant(row, "last_updated"));
    }

    private static CareRecord emotion(ResultSet row, int n) throws SQLException {
        Array probabilities = row.getArray("probabilities");
        Double[] values = (Double[]) probabilities.getArray();
        double[] p = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            p[i] = values[i];
        }
        EmotionObservation observation = new EmotionObservation(Modality.valueOf(row.getString("modality")),
                EmotionDistribution.of(List.of(strings(row.getArray("classes"))), p), row.getDouble("confidence"),
                new ModelRef(row.getString("model_name"), row.getString("model_version")),
                new TimeWindow(instant(row, "window_start"), instant(row, "window_end")));
        return new EmotionRecord(row.getLong("id"), observation,
                new CareSessionId(row.getObject("session_id", UUID.class)),
                new PatientId(row.getObject("patient_id", UUID.class)), new RobotId(row.getString("robot_id")),
                instant(row, "recorded_at"));
    }

    private static CareRecord rating(ResultSet row, int n) throws SQLException {
        CareExperienceRating rating = new CareExperienceRating(new CareSessionId(row.getObject("session_id", UUID.class)),
                new LikertScore(row.getInt("score")), instant(row, "rated_at"), row.getString("comment"));
        return new RatingRecord(rating, new PatientId(row.getObject("patient_id", UUID.class)), row.getLong("version"),
                instant(row, "last_updated"));
    }

    private static CareRecord consent(ResultSet row, int n) throws SQLException {
        Set<ConsentScope> scopes = EnumSet.noneOf(ConsentScope.class);
        for (String scope : strings(row.getArray("scopes"))) {
            scopes.add(ConsentScope.valueOf(scope));
        }
        long retention = row.getLong("recording_retention_seconds");
        boolean retained = !row.wasNull();
        return new ConsentRecord(new Consent(new PatientId(row.getObject("patient_id", UUID.class)),
                row.getInt("version"), ConsentStatus.valueOf(row.getString("status")), scopes,
                instant(row, "effective_from"), new ClinicianId(row.getString("recorded_by")),
                retained ? Duration.ofSeconds(retention) : null));
    }

    private static CareRecord robot(ResultSet row, int n) throws SQLException {
        return new RobotRecord(new Robot(new RobotId(row.getString("id")), row.getString("name"),
                row.getString("model"), row.getString("profile_reference")), instant(row, "registered_at"));
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
