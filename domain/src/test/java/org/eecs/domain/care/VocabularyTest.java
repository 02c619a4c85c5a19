package org.eecs.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VocabularyTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"lean forward and nod", "LEAN_FORWARD_AND_NOD", "Lean-Forward-And-Nod", "  lean forward  and nod ",
            "lean_forward-and nod"})
    void motionIsReadFromWordsNamesOrHyphens(String label) {
        assertThat(Motion.fromLabel(label)).isEqualTo(Motion.LEAN_FORWARD_AND_NOD);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"warm gaze", "WARM_GAZE", "Warm-Gaze", "warm\tgaze"})
    void facialExpressionIsReadFromWordsOrNames(String label) {
        assertThat(FacialExpression.fromLabel(label)).isEqualTo(FacialExpression.WARM_GAZE);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"reassuring", "Reassuring", "REASSURING", " reassuring "})
    void toneIsReadCaseInsensitively(String label) {
        assertThat(Tone.fromLabel(label)).isEqualTo(Tone.REASSURING);
    }

    @Test
    void unknownMotion_isRejectedListingWhatTheRobotCanDo() {
        assertThatThrownBy(() -> Motion.fromLabel("leaning forward and nodding"))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("unknown motion \"leaning forward and nodding\"; allowed: none, nod, lean forward, "
                        + "lean forward and nod, open arms, head tilt, gentle wave, hand on heart, idle breathing");
    }

    @Test
    void unknownToneAndExpression_areRejectedListingTheAllowedValues() {
        assertThatThrownBy(() -> Tone.fromLabel("sarcastic"))
                .isInstanceOf(DomainViolation.class)
                .hasMessageStartingWith("unknown tone \"sarcastic\"; allowed: neutral, encouraging, gentle");
        assertThatThrownBy(() -> FacialExpression.fromLabel("wink"))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("allowed: neutral, smile, warm gaze, concerned, attentive, surprised, sad");
    }

    @Test
    void missingLabel_isRejected() {
        assertThatThrownBy(() -> Tone.fromLabel(null)).isInstanceOf(DomainViolation.class).hasMessageContaining("tone");
        assertThatThrownBy(() -> Motion.fromLabel("")).isInstanceOf(DomainViolation.class);
    }

    @ParameterizedTest
    @EnumSource(Motion.class)
    void everyMotionReadsBackFromItsLabel(Motion motion) {
        assertThat(Motion.fromLabel(motion.label())).isEqualTo(motion);
    }

    @ParameterizedTest
    @EnumSource(FacialExpression.class)
    void everyExpressionReadsBackFromItsLabel(FacialExpression face) {
        assertThat(FacialExpression.fromLabel(face.label())).isEqualTo(face);
    }

    @ParameterizedTest
    @EnumSource(Tone.class)
    void everyToneReadsBackFromItsLabel(Tone tone) {
        assertThat(Tone.fromLabel(tone.label())).isEqualTo(tone);
    }
}
