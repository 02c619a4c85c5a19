package org.eecs.adapter.out.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.eecs.application.port.out.TurnsRecorded;
import org.eecs.domain.turn.AnsweredBy;
import org.eecs.domain.turn.Turn;
import org.springframework.stereotype.Component;

/**
 * The care turn in figures for Prometheus, from each recorded turn (so a turn that was not kept is not counted):
 * {@code eecs.turn.stage} (the time of each stage, tag {@code stage}), {@code eecs.turns} (tag {@code answered_by}),
 * {@code eecs.model.errors} (tag {@code model}: the language model's failures, for which the care library answered)
 * and {@code eecs.escalations} (crises that raised one). Counts and times only: nothing of what was said.
 */
@Component
class CareMetrics implements TurnsRecorded {

    private final MeterRegistry registry;
    private final Counter escalations;
    private final Counter languageModelErrors;

    CareMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.escalations = Counter.builder("eecs.escalations")
                .description("crises that raised an escalation to the care team").register(registry);
        // the speech servers' adapters count their own failures under the same name
        this.languageModelErrors = Counter.builder("eecs.model.errors").tag("model", "language-model")
                .register(registry);
    }

    @Override
    public void recorded(Turn turn) {
        turn.latencies().byStage().forEach((stage, latency) -> Timer.builder("eecs.turn.stage")
                .tag("stage", stage.name())
                .description("the time of each stage of a recorded care turn")
                .register(registry).record(latency));
        Counter.builder("eecs.turns").tag("answered_by", turn.answeredBy().kind().name())
                .description("care turns recorded, by who answered them").register(registry).increment();
        if (turn.answeredBy().kind() == AnsweredBy.Kind.CARE_LIBRARY && turn.answeredBy().fallbackReason().isPresent()) {
            languageModelErrors.increment();
        }
        turn.escalation().ifPresent(raised -> escalations.increment());
    }
}
