package org.eecs.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class CareResponseTest {

    @Test
    void responseCombinesWordsVoiceFaceAndBody() {
        CareResponse response = new CareResponse("That sounds like a lovely garden.", Tone.WARM, FacialExpression.SMILE,
                Motion.LEAN_FORWARD_AND_NOD);

        assertThat(response.motion()).isEqualTo(Motion.LEAN_FORWARD_AND_NOD);
    }

    @Test
    void silentResponse_isRejected() {
        assertThatThrownBy(() -> new CareResponse(" ", Tone.CALM, FacialExpression.ATTENTIVE, Motion.NONE))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("response text must not be blank");
    }

    @Test
    void responseLongerThan2000_isRejected() {
        assertThat(new CareResponse("a".repeat(2000), Tone.CALM, FacialExpression.NEUTRAL, Motion.NONE).text()).hasSize(2000);
        assertThatThrownBy(() -> new CareResponse("a".repeat(2001), Tone.CALM, FacialExpression.NEUTRAL, Motion.NONE))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("at most 2000 characters, got 2001");
    }

    @Test
    void toneFaceAndMotionAreRequired() {
        assertThatThrownBy(() -> new CareResponse("Hello", null, FacialExpression.SMILE, Motion.NOD))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("tone");
        assertThatThrownBy(() -> new CareResponse("Hello", Tone.WARM, null, Motion.NOD))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("facial expression");
        assertThatThrownBy(() -> new CareResponse("Hello", Tone.WARM, FacialExpression.SMILE, null))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("motion");
    }
}
