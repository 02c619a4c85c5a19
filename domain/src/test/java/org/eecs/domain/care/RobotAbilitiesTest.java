package org.eecs.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class RobotAbilitiesTest {

    private final RobotAbilities headOnly = new RobotAbilities(EnumSet.of(Tone.NEUTRAL, Tone.GENTLE),
            EnumSet.of(FacialExpression.NEUTRAL, FacialExpression.SMILE), EnumSet.of(Motion.NONE, Motion.NOD));

    @Test
    void aRobotPerformsOnlyResponsesWithinItsOwnAbilities() {
        assertThat(headOnly.canPerform(new CareResponse("I am here.", Tone.GENTLE, FacialExpression.SMILE, Motion.NOD)))
                .isTrue();
        assertThat(headOnly.canPerform(new CareResponse("I am here.", Tone.GENTLE, FacialExpression.SMILE,
                Motion.OPEN_ARMS))).isFalse();
        assertThat(headOnly.canPerform(new CareResponse("I am here.", Tone.CHEERFUL, FacialExpression.SMILE,
                Motion.NOD))).isFalse();
    }

    @Test
    void aRobotWithEverythingPerformsAnyResponse() {
        assertThat(RobotAbilities.everything().canPerform(
                new CareResponse("Let us breathe together.", Tone.CALM, FacialExpression.WARM_GAZE, Motion.OPEN_ARMS)))
                .isTrue();
    }

    @Test
    void withoutTheCalmFallback_abilitiesAreRefused() {
        assertThatThrownBy(() -> new RobotAbilities(EnumSet.of(Tone.CHEERFUL), EnumSet.of(FacialExpression.NEUTRAL),
                EnumSet.of(Motion.NONE)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("tones must include neutral");
        assertThatThrownBy(() -> new RobotAbilities(EnumSet.of(Tone.NEUTRAL), EnumSet.of(FacialExpression.NEUTRAL),
                EnumSet.of(Motion.NOD)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("motions must include none");
    }

    @Test
    void abilitiesCannotBeChangedAfterwards() {
        Set<Motion> motions = EnumSet.of(Motion.NONE);
        RobotAbilities abilities = new RobotAbilities(EnumSet.of(Tone.NEUTRAL), EnumSet.of(FacialExpression.NEUTRAL),
                motions);
        motions.add(Motion.OPEN_ARMS);

        assertThat(abilities.motions()).containsExactly(Motion.NONE);
        assertThatThrownBy(() -> abilities.motions().add(Motion.NOD)).isInstanceOf(UnsupportedOperationException.class);
    }
}
