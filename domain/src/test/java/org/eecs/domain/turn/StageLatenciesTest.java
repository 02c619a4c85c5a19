package org.eecs.domain.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class StageLatenciesTest {

    @Test
    void noneTakesNoTime() {
        assertThat(StageLatencies.none().byStage()).isEmpty();
        assertThat(StageLatencies.none().total()).isZero();
    }

    @Test
    void totalAddsUpTheStages() {
        StageLatencies latencies = new StageLatencies(Map.of(
                Stage.SPEECH_RECOGNITION, Duration.ofMillis(420),
                Stage.REASONING, Duration.ofMillis(1_300),
                Stage.SPEECH_SYNTHESIS, Duration.ofMillis(280)));

        assertThat(latencies.total()).isEqualTo(Duration.ofSeconds(2));
        assertThat(latencies.of(Stage.REASONING)).contains(Duration.ofMillis(1_300));
        assertThat(latencies.of(Stage.FUSION)).isEmpty();
    }

    @Test
    void stagesAreKeptInPipelineOrder() {
        Map<Stage, Duration> measured = new LinkedHashMap<>();
        measured.put(Stage.MOTION_PLANNING, Duration.ofMillis(5));
        measured.put(Stage.VOICE_ACTIVITY, Duration.ofMillis(10));
        measured.put(Stage.REASONING, Duration.ofMillis(900));

        assertThat(new StageLatencies(measured).byStage().keySet())
                .containsExactly(Stage.VOICE_ACTIVITY, Stage.REASONING, Stage.MOTION_PLANNING);
    }

    @Test
    void negativeLatency_isRejected() {
        assertThatThrownBy(() -> new StageLatencies(Map.of(Stage.SAFETY, Duration.ofMillis(-1))))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("latency of SAFETY must not be negative, got PT-0.001S");
    }

    @Test
    void zeroLatencyIsAllowed() {
        assertThat(StageLatencies.none().with(Stage.SAFETY, Duration.ZERO).of(Stage.SAFETY)).contains(Duration.ZERO);
    }

    @Test
    void measurementsAreCopied() {
        Map<Stage, Duration> measured = new HashMap<>(Map.of(Stage.FUSION, Duration.ofMillis(3)));
        StageLatencies latencies = new StageLatencies(measured);

        measured.put(Stage.REASONING, Duration.ofSeconds(1));

        assertThat(latencies.byStage()).containsOnlyKeys(Stage.FUSION);
        assertThatThrownBy(() -> latencies.byStage().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void addingAStageLeavesTheOriginalUnchanged() {
        StageLatencies none = StageLatencies.none();

        StageLatencies one = none.with(Stage.REASONING, Duration.ofMillis(800));

        assertThat(one.total()).isEqualTo(Duration.ofMillis(800));
        assertThat(none.byStage()).isEmpty();
    }
}
