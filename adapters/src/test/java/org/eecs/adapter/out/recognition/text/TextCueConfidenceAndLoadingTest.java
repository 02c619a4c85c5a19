package org.eecs.adapter.out.recognition.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eecs.application.port.out.RecognizeTextCues;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The arithmetic of the method and its lazy loading, without the model. */
class TextCueConfidenceAndLoadingTest {

    private static final SentenceEmbeddingTextCues.Settings SETTINGS = SentenceEmbeddingTextCues.Settings.DEFAULTS;

    private final AtomicInteger loads = new AtomicInteger();
    private final Supplier<EmbeddingModel> countingLoader = () -> {
        loads.incrementAndGet();
        throw new IllegalStateException("no model in this test");
    };
    private final SentenceEmbeddingTextCues textCues =
            new SentenceEmbeddingTextCues(countingLoader, TextCueExemplars.bundled(), SETTINGS);

    @Test
    void creatingTheTextCuesLoadsNoModel() {
        assertThat(loads).hasValue(0);
    }

    @Test
    void aTranscriptWithoutWordsLoadsNoModel() {
        assertThat(textCues.cuesIn("  ", TextCuesOnTheRealModel.WINDOW)).isEmpty();
        assertThat(loads).hasValue(0);
    }

    @Test
    void theSoftmaxFollowsTheTemperature() {
        double[] p = SentenceEmbeddingTextCues.softmax(new double[] {0.5, 0.4, 0.4}, 0.05);

        // exp(0.1 / 0.05) = e^2 times more likely than each of the others
        assertThat(p[0] / p[1]).isCloseTo(Math.exp(2), within(1e-9));
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void confidenceIsTheMarginTimesTheClosenessOfTheBestMatch() {
        // margin 0.05 of M 0.10 -> 0.5; best 0.40 between floor 0.20 and ceiling 0.60 -> 0.5
        assertThat(textCues.confidence(new double[] {0.40, 0.35, 0.1, 0.1, 0.1, 0.1, 0.1}))
                .isCloseTo(0.25, within(1e-9));
        // a tie between the two best states: no confidence at all
        assertThat(textCues.confidence(new double[] {0.1, 0.7, 0.1, 0.7, 0.1, 0.1, 0.1})).isZero();
        // a clear lead but nothing is similar to what was said: no confidence either
        assertThat(textCues.confidence(new double[] {0.19, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0})).isZero();
        // a clear, close match
        assertThat(textCues.confidence(new double[] {0.8, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1})).isEqualTo(1.0);
    }

    @Test
    void theApplicationGetsTheTextCuesAsABeanThatLoadsNothingAtStart() {
        new ApplicationContextRunner().withUserConfiguration(TextCueConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(RecognizeTextCues.class);
            assertThat(context.getBean(RecognizeTextCues.class)).isInstanceOf(SentenceEmbeddingTextCues.class);
        });
    }
}
