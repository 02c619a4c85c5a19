package org.eecs.adapter.out.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eecs.application.port.out.RatedSessions;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.rating.LikertScore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rated sessions of a report in one query: PostgreSQL joins each rating to its session and patient and averages
 * the session's fused emotion probabilities over its fused observations, so that one row per rated session comes
 * back and never a turn. A care state a fused observation does not list counts as 0 in its session's mean.
 */
@Repository
class JdbcRatedSessions implements RatedSessions {

    private static final String QUERY = """
            with rated as (
                select s.id as session_id, r.score, p.gender, p.birth_year, s.started_at, s.emotion_input
                from care_experience_rating r
                join care_session s on s.id = r.session_id
                join patient p on p.id = s.patient_id
                where s.started_at >= ? and s.started_at < ?%s
            ),
            fused as (
                select t.session_id, o.id as observation_id
                from rated
                join turn t on t.session_id = rated.session_id
                join emotion_observation o on o.turn_id = t.id and o.modality = 'FUSED'
            ),
            observed as (
                select session_id, count(*) as observations from fused group by session_id
            ),
            totals as (
                select f.session_id, p.emotion_class, sum(p.probability) as total
                from fused f
                join emotion_probability p on p.observation_id = f.observation_id
                group by f.session_id, p.emotion_class
            ),
            means as (
                select t.session_id,
                       array_agg(t.emotion_class order by t.emotion_class) as classes,
                       array_agg(t.total / o.observations order by t.emotion_class) as means
                from totals t
                join observed o on o.session_id = t.session_id
                group by t.session_id
            )
            select rated.score, rated.gender, rated.birth_year, rated.started_at, rated.emotion_input,
                   means.classes, means.means
            from rated
            left join means on means.session_id = rated.session_id""";

    private final JdbcClient jdbc;

    JdbcRatedSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RatedSessionFacts> matching(Criteria criteria) {
        StringBuilder conditions = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        parameters.add(OffsetDateTime.ofInstant(criteria.startedWithin().start(), ZoneOffset.UTC));
        parameters.add(OffsetDateTime.ofInstant(criteria.startedWithin().end(), ZoneOffset.UTC));
        if (criteria.robot() != null) {
            conditions.append(" and s.robot_id = ?");
            parameters.add(criteria.robot().value());
        }
        if (criteria.emotionInput() != null) {
            conditions.append(" and s.emotion_input = ?");
            parameters.add(criteria.emotionInput());
        }
        for (ClinicianId clinician : criteria.careTeamIncludes()) {
            conditions.append(" and exists (select 1 from care_team_member m"
                    + " where m.patient_id = s.patient_id and m.clinician_id = ?)");
            parameters.add(clinician.value());
        }
        return jdbc.sql(QUERY.formatted(conditions)).params(parameters)
                .query((row, n) -> facts(row))
                .list();
    }

    private static RatedSessionFacts facts(ResultSet row) throws SQLException {
        return new RatedSessionFacts(new LikertScore(row.getInt("score")), Gender.valueOf(row.getString("gender")),
                row.getInt("birth_year"), row.getObject("started_at", OffsetDateTime.class).toInstant(),
                row.getBoolean("emotion_input"), means(row.getArray("classes"), row.getArray("means")));
    }

    /** Every care state's mean, 0 for those no fused observation listed; empty for a session without any. */
    private static Map<CareState, Double> means(Array classes, Array means) throws SQLException {
        Map<CareState, Double> byState = new EnumMap<>(CareState.class);
        if (classes == null) {
            return byState;
        }
        for (CareState state : CareState.values()) {
            byState.put(state, 0.0);
        }
        String[] names = (String[]) classes.getArray();
        Double[] values = (Double[]) means.getArray();
        for (int i = 0; i < names.length; i++) {
            for (CareState state : CareState.values()) {
                if (state.className().equals(names[i])) {
                    // sums of probabilities may stray past 1 by a rounding error
                    byState.put(state, Math.min(1.0, values[i]));
                }
            }
        }
        return byState;
    }
}
