package org.eecs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    private static final Instant NINE = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2025-03-01T11:00:00Z");

    @Test
    void windowEndingBeforeItStarts_isRejected() {
        assertThatThrownBy(() -> new TimeWindow(TEN, NINE))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("cannot end before it starts")
                .hasMessageContaining(TEN.toString())
                .hasMessageContaining(NINE.toString());
    }

    @Test
    void missingStartOrEnd_isRejected() {
        assertThatThrownBy(() -> new TimeWindow(null, TEN)).isInstanceOf(DomainViolation.class).hasMessageContaining("start");
        assertThatThrownBy(() -> new TimeWindow(NINE, null)).isInstanceOf(DomainViolation.class).hasMessageContaining("end");
    }

    @Test
    void durationIsFromStartToEnd() {
        assertThat(new TimeWindow(NINE, ELEVEN).duration()).isEqualTo(Duration.ofHours(2));
        assertThat(TimeWindow.of(NINE, Duration.ofMinutes(30)).end()).isEqualTo(Instant.parse("2025-03-01T09:30:00Z"));
    }

    @Test
    void containsItsStartButNotItsEnd() {
        TimeWindow window = new TimeWindow(NINE, TEN);

        assertThat(window.contains(NINE)).isTrue();
        assertThat(window.contains(TEN.minusNanos(1))).isTrue();
        assertThat(window.contains(TEN)).isFalse();
        assertThat(window.contains(NINE.minusNanos(1))).isFalse();
    }

    @Test
    void emptyWindow_isAllowedButContainsNothing() {
        TimeWindow empty = new TimeWindow(TEN, TEN);

        assertThat(empty.duration()).isZero();
        assertThat(empty.contains(TEN)).isFalse();
        assertThat(empty.overlaps(new TimeWindow(NINE, ELEVEN))).isFalse();
    }

    @Test
    void backToBackWindows_doNotOverlap() {
        TimeWindow first = new TimeWindow(NINE, TEN);
        TimeWindow second = new TimeWindow(TEN, ELEVEN);

        assertThat(first.overlaps(second)).isFalse();
        assertThat(second.overlaps(first)).isFalse();
    }

    @Test
    void windowsSharingAnyInstant_overlap() {
        TimeWindow morning = new TimeWindow(NINE, ELEVEN);

        assertThat(morning.overlaps(new TimeWindow(TEN, ELEVEN.plusSeconds(60)))).isTrue();
        assertThat(morning.overlaps(new TimeWindow(TEN, TEN.plusSeconds(1)))).isTrue();
        assertThat(morning.overlaps(morning)).isTrue();
    }
}
