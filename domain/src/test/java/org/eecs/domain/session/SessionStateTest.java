package org.eecs.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SessionStateTest {

    @ParameterizedTest(name = "{0} is final: {1}")
    @CsvSource({
            "SCHEDULED, false",
            "IN_PROGRESS, false",
            "COMPLETED, true",
            "CANCELLED, true",
            "ABORTED, true"
    })
    void onlyEndingsAreFinal(SessionState state, boolean isFinal) {
        assertThat(state.isFinal()).isEqualTo(isFinal);
    }

    @ParameterizedTest
    @EnumSource(SessionState.class)
    void finalStatesAreNeverLeft(SessionState state) {
        if (state.isFinal()) {
            for (SessionState next : SessionState.values()) {
                assertThat(state.canMoveTo(next)).as("%s -> %s", state, next).isFalse();
            }
        }
    }
}
