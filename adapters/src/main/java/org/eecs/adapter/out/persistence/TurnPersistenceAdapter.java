package org.eecs.adapter.out.persistence;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.Turns;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Interruption;
import org.eecs.domain.turn.Stage;
import org.eecs.domain.turn.StageLatencies;
import org.eecs.domain.turn.Turn;
import org.eecs.domain.turn.TurnId;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
@Transactional
class TurnPersistenceAdapter implements Turns {

    private final TurnRepository turns;
    private final EntityManager entityManager;

    TurnPersistenceAdapter(TurnRepository turns, EntityManager entityManager) {
        this.turns = turns;
        this.entityManager = entityManager;
    }

    /** A turn is written once; only a later report that its answer was interrupted is added to it. */
    @Override
    public void save(Turn turn) {
        TurnEntity entity = new TurnEntity();
        entity.id = turn.id().value();
        entity.sessionId = turn.session().value();
        entity.sequence = turn.sequence();
        entity.occurredAt = turn.at();
        entity.utterance = turn.utterance();
        entity.responseText = turn.response().text();
        entity.responseTone = turn.response().tone();
        entity.responseFace = turn.response().face();
        entity.responseMotion = turn.response().motion();
        entity.emotionWithheld = turn.emotionWithheld();
        entity.reasonerKind = turn.answeredBy().kind();
        entity.reasonerName = turn.answeredBy().name();
        entity.templateVersion = turn.answeredBy().templateVersion();
        entity.fallbackReason = turn.answeredBy().fallbackReason().orElse(null);
        entity.escalationId = turn.escalation().map(EscalationId::value).orElse(null);
        turn.interruption().ifPresent(interruption -> {
            entity.interruptedAt = interruption.reportedAt();
            entity.interruptedAfterMicros = micros(interruption.heardAfter());
        });
        turn.observations().forEach(observation -> entity.observations.add(toEntity(observation)));
        // microseconds: what PostgreSQL keeps of an instant, and finer than any stage needs
        turn.latencies().byStage().forEach((stage, latency) ->
                entity.latencyMicros.put(stage, micros(latency)));
        entityManager.persist(entity);
        entityManager.flush();
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

    /** Two columns of the turns, not whole turns: reasoning reads only what was said. */
    @Override
    @Transactional(readOnly = true)
    public List<Exchange> latestExchanges(CareSessionId session, int count) {
        return turns.exchangesNewestFirst(session.value(), PageRequest.of(0, count)).stream()
                .map(said -> new Exchange((String) said[0], (String) said[1])).toList().reversed();
    }

    @Override
    public int lastSequence(CareSessionId session) {
        // the session's row is locked until the unit of work ends: two instances taking turns of one session at once
        // take their numbers one after the other, never the same one
        entityManager.createNativeQuery("select id from care_session where id = ? for update")
                .setParameter(1, session.value()).getResultList();
        return turns.lastSequence(session.value());
    }

    @Override
    public void interrupt(TurnId turn, Interruption interruption) {
        turns.interrupt(turn.value(), interruption.reportedAt(), micros(interruption.heardAfter()));
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Turn> of(CareSessionId session) {
        return turns.findBySessionIdOrderBySequence(session.value()).stream().map(TurnPersistenceAdapter::toDomain).toList();
    }

    private static EmotionObservationEntity toEntity(EmotionObservation observation) {
        EmotionObservationEntity entity = new EmotionObservationEntity();
        entity.modality = observation.modality();
        entity.confidence = observation.confidence();
        entity.modelName = observation.model().name();
        entity.modelVersion = observation.model().version();
        entity.windowStart = observation.window().start();
        entity.windowEnd = observation.window().end();
        observation.distribution().probabilities().forEach((emotionClass, probability) ->
                entity.probabilities.add(new EmotionObservationEntity.Probability(emotionClass, probability)));
        return entity;
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
