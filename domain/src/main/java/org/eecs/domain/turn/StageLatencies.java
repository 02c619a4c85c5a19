package org.eecs.domain.turn;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * How long each stage of a turn took, for the responsiveness the patient experiences. Stages that did not
 * run are simply absent. Kept in pipeline order.
 */
public record StageLatencies(Map<Stage, Duration> byStage) {

    public StageLatencies {
        Require.present("stage latencies", byStage);
        EnumMap<Stage, Duration> copy = new EnumMap<>(Stage.class);
        for (Map.Entry<Stage, Duration> entry : byStage.entrySet()) {
            Stage stage = Require.present("stage", entry.getKey());
            Duration latency = Require.present("latency of " + stage, entry.getValue());
            if (latency.isNegative()) {
                throw new DomainViolation("latency of " + stage + " must not be negative, got " + latency);
            }
            copy.put(stage, latency);
        }
        byStage = Collections.unmodifiableMap(copy);
    }

    public static StageLatencies none() {
        return new StageLatencies(Map.of());
    }

    public StageLatencies with(Stage stage, Duration latency) {
        EnumMap<Stage, Duration> next = new EnumMap<>(Stage.class);
        next.putAll(byStage);
        next.put(Require.present("stage", stage), latency);
        return new StageLatencies(next);
    }

    public Optional<Duration> of(Stage stage) {
        return Optional.ofNullable(byStage.get(stage));
    }

    /** The sum over the stages, which equals the turn's wall-clock time only if the stages ran one after another. */
    public Duration total() {
        return byStage.values().stream().reduce(Duration.ZERO, Duration::plus);
    }
}
