package org.eecs.adapter.out.persistence;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.session.SessionState;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.RetryKey;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class TurnPersistenceAdapter implements Turns {

    /**
     * A turn with its stage times, observations and their probabilities: each collection an array a column, unnested.
     * A statement's foreign keys are checked at its end, when the turn and each observation are in. The robot's retry
     * key, if it gave one, is answered by the turn in the same statement: only a key still being answered (claimed,
     * neither a status nor a turn yet), so that a turn never takes over a key answered otherwise; without a key the
     * update matches no row. The turn's announcement to live transcripts is the insert's own (V16's trigger).
     */
    private static final String INSERT = """
            with key_answered as (
                update idempotent_request set turn_id = ?
                where caller_id = ? and key = ? and status is null and turn_id is null),
            turn as (
                insert into turn (id, session_id, sequence, occurred_at, utterance, response_text, response_tone,
                                  response_face, response_motion, emotion_withheld, reasoner_kind, reasoner_name,
                                  template_version, fallback_reason, escalation_id, interrupted_at,
                                  interrupted_after_micros)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning id),
            stage_latency as (
                insert into turn_stage_latency (turn_id, stage, micros)
                select turn.id, latency.stage, latency.micros
                from turn, unnest(?::varchar[], ?::bigint[]) as latency (stage, micros)),
            observation as (
                insert into emotion_observation (turn_id, position, modality, confidence, model_name, model_version,
                                                 window_start, window_end)
                select turn.id, o.position - 1, o.modality, o.confidence, o.model_name, o.model_version,
                       o.window_start, o.window_end
                from turn, unnest(?::varchar[], ?::float8[], ?::varchar[], ?::varchar[], ?::timestamptz[],
                                  ?::timestamptz[])
                           with ordinality as o (modality, confidence, model_name, model_version, window_start,
                                                 window_end, position)
                returning id, position)
            insert into emotion_probability (observation_id, position, emotion_class, probability)
            select observation.id, p.position, p.emotion_class, p.probability
            from observation
                 join unnest(?::int[], ?::int[], ?::varchar[], ?::float8[])
                      as p (observation_position, position, emotion_class, probability)
                      on p.observation_position = observation.position""";

    private final TurnRepository turns;
    private final JdbcTemplate jdbc;

    TurnPersistenceAdapter(TurnRepository turns, JdbcTemplate jdbc) {
        this.turns = turns;
        this.jdbc = jdbc;
    }

    /**
     * A turn is written once; only a later report that its answer was interrupted is added to it. The turn, its stage
     * times, its observations and their probabilities, and the answer to the robot's retry key go in one statement
     * (one round trip): Hibernate's persist and cascade took one insert an observation (their identity keys) and a
     * batch for each collection, and the key was answered in a unit of work of its own after the turn's.
     */
    @Override
    public void save(Turn turn, Optional<RetryKey> answering) {
        List<EmotionObservation> observations = turn.observations();
        int probabilities = observations.stream().mapToInt(o -> o.distribution().probabilities().size()).sum();
        int[] ofObservation = new int[probabilities];
        int[] position = new int[probabilities];
        String[] emotionClass = new String[probabilities];
        double[] probability = new double[probabilities];
        int row = 0;
        for (int observation = 0; observation < observations.size(); observation++) {
            int inOrder = 0;
            for (var entry : observations.get(observation).distribution().probabilities().entrySet()) {
                ofObservation[row] = observation;
                position[row] = inOrder++;
                emotionClass[row] = entry.getKey();
                probability[row++] = entry.getValue();
            }
        }
        Map<Stage, Duration> latencies = turn.latencies().byStage();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT);
            int at = 0;
            insert.setObject(++at, turn.id().value());
            insert.setString(++at, answering.map(RetryKey::robot).orElse(null));
            insert.setString(++at, answering.map(RetryKey::value).orElse(null));
            insert.setObject(++at, turn.id().value());
            insert.setObject(++at, turn.session().value());
            insert.setInt(++at, turn.sequence());
            insert.setObject(++at, utc(turn.at()));
            insert.setString(++at, turn.utterance());
            insert.setString(++at, turn.response().text());
            insert.setString(++at, turn.response().tone().name());
            insert.setString(++at, turn.response().face().name());
            insert.setString(++at, turn.response().motion().name());
            insert.setBoolean(++at, turn.emotionWithheld());
            insert.setString(++at, turn.answeredBy().kind().name());
            insert.setString(++at, turn.answeredBy().name());
            insert.setString(++at, turn.answeredBy().templateVersion());
            insert.setString(++at, turn.answeredBy().fallbackReason().orElse(null));
            insert.setObject(++at, turn.escalation().map(EscalationId::value).orElse(null), Types.OTHER);
            insert.setObject(++at, turn.interruption().map(i -> utc(i.reportedAt())).orElse(null),
                    Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setObject(++at, turn.interruption().map(i -> micros(i.heardAfter())).orElse(null), Types.BIGINT);
            // microseconds: what PostgreSQL keeps of an instant, and finer than any stage needs
            insert.setArray(++at, connection.createArrayOf("varchar",
                    latencies.keySet().stream().map(Stage::name).toArray()));
            insert.setArray(++at, connection.createArrayOf("bigint",
                    latencies.values().stream().map(TurnPersistenceAdapter::micros).toArray()));
            insert.setArray(++at, connection.createArrayOf("varchar",
                    observations.stream().map(o -> o.modality().name()).toArray()));
            insert.setArray(++at, connection.createArrayOf("float8",
                    observations.stream().map(EmotionObservation::confidence).toArray()));
            insert.setArray(++at, connection.createArrayOf("varchar",
                    observations.stream().map(o -> o.model().name()).toArray()));
            insert.setArray(++at, connection.createArrayOf("varchar",
                    observations.stream().map(o -> o.model().version()).toArray()));
            insert.setArray(++at, connection.createArrayOf("timestamptz",
                    observations.stream().map(o -> utc(o.window().start())).toArray()));
            insert.setArray(++at, connection.createArrayOf("timestamptz",
                    observations.stream().map(o -> utc(o.window().end())).toArray()));
            insert.setObject(++at, ofObservation);
            insert.setObject(++at, position);
            insert.setArray(++at, connection.createArrayOf("varchar", emotionClass));
            insert.setObject(++at, probability);
            return insert;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Turn> find(TurnId turn) {
        return turns.findById(turn.value()).map(TurnPersistenceAdapter::toDomain);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Turn> latest(CareSessionId session, int count) {
        List<Turn> newestFirst = turns.findBySessionIdOrderBySequenceDesc(session.value(), PageRequest.of(0, count))
                .stream().map(TurnPersistenceAdapter::toDomain).toList();
        return newestFirst.reversed();
    }

    @Override
    public Optional<HeldSession> holdForNextTurn(CareSessionId session) {
        // one call (V14): the session's row locked until the unit of work ends, then its last number read after the
        // lock is held, so that turns of one session recorded at once (two instances) are numbered one after the other
        return jdbc.query("select state, last_sequence from care_session_held_for_turn(?)",
                (row, n) -> new HeldSession(SessionState.valueOf(row.getString(1)), row.getInt(2)),
                session.value()).stream().findFirst();
    }

    @Override
    public void interrupt(TurnId turn, Interruption interruption) {
        turns.interrupt(turn.value(), interruption.reportedAt(), micros(interruption.heardAfter()));
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Turn> of(CareSessionId session) {
        return turns.findBySessionIdOrderBySequence(session.value()).stream().map(TurnPersistenceAdapter::toDomain).toList();
    }

    private static Turn toDomain(TurnEntity entity) {
        Map<Stage, Duration> latencies = new EnumMap<>(Stage.class);
        entity.latencyMicros.forEach((stage, micros) -> latencies.put(stage, Duration.of(micros, ChronoUnit.MICROS)));
        return new Turn(new TurnId(entity.id), new CareSessionId(entity.sessionId), entity.sequence,
                entity.occurredAt, entity.utterance,
                entity.observations.stream().map(TurnPersistenceAdapter::toDomain).toList(),
                new CareResponse(entity.responseText, entity.responseTone, entity.responseFace, entity.responseMotion),
                entity.emotionWithheld, new StageLatencies(latencies),
                new AnsweredBy(entity.reasonerKind, entity.reasonerName, entity.templateVersion,
                        Optional.ofNullable(entity.fallbackReason)),
                Optional.ofNullable(entity.escalationId).map(EscalationId::new),
                Optional.ofNullable(entity.interruptedAt).map(at ->
                        new Interruption(at, Duration.of(entity.interruptedAfterMicros, ChronoUnit.MICROS))));
    }

    private static EmotionObservation toDomain(EmotionObservationEntity entity) {
        List<String> classes = entity.probabilities.stream().map(EmotionObservationEntity.Probability::emotionClass).toList();
        double[] probabilities = entity.probabilities.stream()
                .mapToDouble(EmotionObservationEntity.Probability::probability).toArray();
        return new EmotionObservation(entity.modality, EmotionDistribution.of(classes, probabilities),
                entity.confidence, new ModelRef(entity.modelName, entity.modelVersion),
                new TimeWindow(entity.windowStart, entity.windowEnd));
    }
}
