package org.eecs.adapter.out.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Tone;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.performance.FaceChannel;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.Speech;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioDrivenFaceTest {

    private final AudioDrivenFace face = new AudioDrivenFace(Voice.FILES.profile());

    @Test
    void theMouthOpensWithTheAudioEnergy() {
        Speech speech = Voice.freeTts().synthesize(FreeTtsSpeechTest.TWO_SENTENCES, Tone.WARM);
        FaceTimeline timeline = face.animate(speech, FacialExpression.WARM_GAZE);

        double[] energy = AudioDrivenFace.frameEnergy(speech.samples(), timeline.frameCount());
        float[] jaw = timeline.series(FaceChannel.JAW_OPEN);
        double r = Voice.pearson(energy, toDoubles(jaw));
        // measured r = 0.91 on these two sentences (FreeTTS kevin16, warm)
        assertThat(r).as("Pearson r of jawOpen and the frames' RMS").isGreaterThan(0.6);
        assertThat(max(jaw)).isGreaterThan(0.5f);
    }

    @Test
    void theLipsCloseOnBilabials() {
        Speech speech = Voice.freeTts().synthesize("Maybe both of them.", Tone.NEUTRAL);
        float[] close = face.animate(speech, FacialExpression.NEUTRAL).series(FaceChannel.MOUTH_CLOSE);
        assertThat(max(close)).isGreaterThan(0.6f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 533, 534, 16_000, 16_001, 86_123})
    void theFrameCountIsTheDurationTimesThirtyRoundedUp(int samples) {
        Speech speech = new Speech(new short[samples], List.of(), List.of(), new ModelRef("silence", "1"));
        FaceTimeline timeline = face.animate(speech, FacialExpression.SMILE);
        // ceil(samples / 16000 * 30), in integers
        assertThat(timeline.frameCount()).isEqualTo((samples * 30 + 15_999) / 16_000);
        assertThat(timeline.channels()).isEqualTo(Voice.FILES.profile().channels());
    }

    @Test
    void theFrameCountOfRealSpeechCoversItExactly() {
        Speech speech = Voice.freeTts().synthesize(FreeTtsSpeechTest.TWO_SENTENCES, Tone.CALM);
        FaceTimeline timeline = face.animate(speech, FacialExpression.CONCERNED);
        assertThat(timeline.frameCount()).isEqualTo((int) Math.ceil(speech.samples().length * 30 / 16_000.0));
        assertThat(timeline.duration()).isGreaterThanOrEqualTo(speech.duration());
    }

    @Test
    void theExpressionIsBlendedInAndOut() {
        Speech speech = new Speech(new short[3 * 16_000], List.of(), List.of(), new ModelRef("silence", "1"));
        float[] smile = face.animate(speech, FacialExpression.SMILE).series(FaceChannel.MOUTH_SMILE);
        assertThat(smile[0]).isZero();
        assertThat(smile[3]).isBetween(0.1f, 0.6f);
        assertThat(smile[45]).isEqualTo(0.7f);
        assertThat(smile[89]).isLessThan(0.1f);
    }

    @Test
    void theEyesBlinkNowAndThen() {
        Speech speech = new Speech(new short[12 * 16_000], List.of(), List.of(), new ModelRef("silence", "1"));
        float[] blink = face.animate(speech, FacialExpression.ATTENTIVE).series(FaceChannel.EYE_BLINK);
        long closed = 0;
        for (float value : blink) {
            closed += value == 1f ? 1 : 0;
        }
        assertThat(closed).as("blinks in 12 s").isBetween(2L, 5L);
        assertThat(face.animate(speech, FacialExpression.ATTENTIVE).series(FaceChannel.EYE_BLINK))
                .as("the same speech gives the same face").containsExactly(blink);
    }

    @Test
    void anExpressionThisFaceDoesNotShowIsRefused() {
        RobotProfileFile plain = new RobotProfileFile("plain", Voice.FILES.profile().joints(),
                List.of(FaceChannel.JAW_OPEN), Map.of(FacialExpression.NEUTRAL, Map.of()));
        Speech speech = new Speech(new short[1600], List.of(), List.of(), new ModelRef("silence", "1"));
        assertThatThrownBy(() -> new AudioDrivenFace(plain).animate(speech, FacialExpression.SAD))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("this robot's face has no expression sad; it has neutral");
        assertThat(new AudioDrivenFace(plain).animate(speech, FacialExpression.NEUTRAL).channels())
                .containsExactly(FaceChannel.JAW_OPEN);
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static float max(float[] values) {
        float max = 0;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
