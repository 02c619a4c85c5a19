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
import org.eecs.domain.turn.TurnDraft;
import org.eecs.domain.turn.TurnId;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class TurnPersistenceAdapter implements Turns {

    /**
     * A session's next turn with its stage times, observations and their probabilities, each collection an array a
     * column, unnested, in one statement. It starts by holding the session (V14's care_session_held_for_turn: the
     * session's row locked until the transaction ends, then its state and last number read with a snapshot of their
     * own, taken once the lock is held: a plain subquery would read with the statement's snapshot, taken before the
     * wait, and two instances recording turns of one session at once would give both the same number). The turn is
     * numbered after the last and inserted only while the session is in the state expected; otherwise nothing is
     * written, and the state it moved to is answered. A statement's foreign keys are checked at its end, when the turn
     * and each observation are in. The robot's retry key, if it gave one, is answered by the turn inserted, in the same
     * statement: only a key still being answered (claimed, neither a status nor a turn yet), so that a turn never
     * takes over a key answered otherwise; without a key, or without a turn, the update matches no row. The turn's
     * announcement to live transcripts is the insert's own (V16's trigger). Answers the session's state under the
     * lock and the number given (none if no turn was inserted); no row if there is no such session.
     */
    private static final String RECORD_NEXT = """
            with held as (
                select state, last_sequence + 1 as next_sequence from care_session_held_for_turn(?)),
            turn as (
                insert into turn (id, session_id, sequence, occurred_at, utterance, response_text, response_tone,
                                  response_face, response_motion, emotion_withheld, reasoner_kind, reasoner_name,
                                  template_version, fallback_reason, escalation_id)
                select ?, ?, held.next_sequence, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid
                from held
                where held.state = ?
                returning id, sequence),
            key_answered as (
                update idempotent_request set turn_id = turn.id
                from turn
                where caller_id = ? and key = ? and status is null and idempotent_request.turn_id is null),
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
                returning id, position),
            probability as (
                insert into emotion_probability (observation_id, position, emotion_class, probability)
                select observation.id, p.position, p.emotion_class, p.probability
                from observation
                     join unnest(?::int[], ?::int[], ?::varchar[], ?::float8[])
                          as p (observation_position, position, emotion_class, probability)
                          on p.observation_position = observation.position)
            select held.state, turn.sequence from held left join turn on true""";

    private final TurnRepository turns;
    private final JdbcTemplate jdbc;

    TurnPersistenceAdapter(TurnRepository turns, JdbcTemplate jdbc) {
        this.turns = turns;
        this.jdbc = jdbc;
    }

    /**
     * A turn is written once; only a later report that its answer was interrupted is added to it. The session's hold,
     * the turn's number, the turn with its stage times, observations and their probabilities, and the answer to the
     * robot's retry key go in one statement (one round trip): Hibernate's persist and cascade took one insert an
     * observation (their identity keys) and a batch for each collection, the key was answered in a unit of work of its
     * own after the turn's, and the session was held in a round trip before the turn's.
     */
    @Override
    public NextTurn recordNext(TurnDraft draft, SessionState expected, Optional<RetryKey> answering) {
        List<EmotionObservation> observations = draft.observations();
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
        Map<Stage, Duration> latencies = draft.latencies().byStage();
        return jdbc.query(connection -> {
            PreparedStatement record = connection.prepareStatement(RECORD_NEXT);
            int at = 0;
            record.setObject(++at, draft.session().value());
            record.setObject(++at, draft.id().value());
            record.setObject(++at, draft.session().value());
            record.setObject(++at, utc(draft.at()));
            record.setString(++at, draft.utterance());
            record.setString(++at, draft.response().text());
            record.setString(++at, draft.response().tone().name());
            record.setString(++at, draft.response().face().name());
            record.setString(++at, draft.response().motion().name());
            record.setBoolean(++at, draft.emotionWithheld());
            record.setString(++at, draft.answeredBy().kind().name());
            record.setString(++at, draft.answeredBy().name());
            record.setString(++at, draft.answeredBy().templateVersion());
            record.setString(++at, draft.answeredBy().fallbackReason().orElse(null));
            record.setObject(++at, draft.escalation().map(EscalationId::value).orElse(null), Types.OTHER);
            record.setString(++at, expected.name());
            record.setString(++at, answering.map(RetryKey::robot).orElse(null));
            record.setString(++at, answering.map(RetryKey::value).orElse(null));
            // microseconds: what PostgreSQL keeps of an instant, and finer than any stage needs
            record.setArray(++at, connection.createArrayOf("varchar",
                    latencies.keySet().stream().map(Stage::name).toArray()));
            record.setArray(++at, connection.createArrayOf("bigint",
                    latencies.values().stream().map(TurnPersistenceAdapter::micros).toArray()));
            record.setArray(++at, connection.createArrayOf("varchar",
                    observations.stream().map(o -> o.modality().name()).toArray()));
            record.setArray(++at, connection.createArrayOf("float8",
                    observations.stream().map(EmotionObservation::confidence).toArray()));
            record.setArray(++at, connection.createArrayOf("varchar",
                    observations.stream().map(o -> o.model().name()).toArray()));
            record.setArray(++at, connection.createArrayOf("varchar",
                    observations.stream().map(o -> o.model().version()).toArray()));
            record.setArray(++at, connection.createArrayOf("timestamptz",
                    observations.stream().map(o -> utc(o.window().start())).toArray()));
            record.setArray(++at, connection.createArrayOf("timestamptz",
                    observations.stream().map(o -> utc(o.window().end())).toArray()));
            record.setObject(++at, ofObservation);
            record.setObject(++at, position);
            record.setArray(++at, connection.createArrayOf("varchar", emotionClass));
            record.setObject(++at, probability);
            return record;
        }, held -> {
            if (!held.next()) {
                return new NextTurn.NoSuchSession();
            }
            int sequence = held.getInt(2);
            return held.wasNull() ? new NextTurn.SessionMoved(SessionState.valueOf(held.getString(1)))
                    : new NextTurn.Recorded(draft.numbered(sequence));
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
