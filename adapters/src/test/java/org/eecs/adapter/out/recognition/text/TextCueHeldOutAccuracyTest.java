package org.eecs.adapter.out.recognition.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionObservation;
import org.junit.jupiter.api.Test;

/**
 * Generalisation beyond the exemplars: sentences written for this test, none of them in text-cue-exemplars.tsv,
 * three per care state. Measured with the exemplars as first written and the default settings: 16 of 21 (0.76);
 * the misses are one anger read as frustration, two frustrations (read as sadness, anxiety) and two neutral
 * statements, all with confidence below 0.3. The bound, 15 of 21, allows one more miss, so that a change of
 * exemplars, settings or model that loses ground fails here. Neither the exemplars nor the settings were tuned on
 * these sentences; tune them on other sentences, or this stops measuring generalisation.
 */
class TextCueHeldOutAccuracyTest {

    static final int MINIMUM_CORRECT = 15;

    record Labelled(CareState state, String sentence) {
    }

    static final List<Labelled> HELD_OUT = List.of(
            new Labelled(CareState.ANXIETY, "I'm really stressed, there are so many things I have to deal with."),
            new Labelled(CareState.ANXIETY, "I keep worrying that I forgot something important."),
            new Labelled(CareState.ANXIETY, "I'm on edge all day and I can't settle."),
            new Labelled(CareState.SADNESS, "Since my husband died I just feel empty inside."),
            new Labelled(CareState.SADNESS, "I feel so alone in this room."),
            new Labelled(CareState.SADNESS, "I don't enjoy anything anymore, I just feel like crying."),
            new Labelled(CareState.ANGER, "I'm so angry that nobody told me about the change."),
            new Labelled(CareState.ANGER, "That nurse was rude to me and I won't stand for it!"),
            new Labelled(CareState.ANGER, "It's outrageous how they treat old people here."),
            new Labelled(CareState.FEAR, "I'm terrified of having another heart attack."),
            new Labelled(CareState.FEAR, "I'm scared to go to sleep in case I don't wake up."),
            new Labelled(CareState.FEAR, "Those shadows in the corridor frighten me."),
            new Labelled(CareState.FRUSTRATION, "I've asked three times and still nobody has fixed my bed."),
            new Labelled(CareState.FRUSTRATION, "No matter how hard I try, I can't remember the exercises."),
            new Labelled(CareState.FRUSTRATION, "Ugh, this remote never works when I need it."),
            new Labelled(CareState.NEUTRAL, "I usually have tea at four."),
            new Labelled(CareState.NEUTRAL, "The hallway is painted light blue."),
            new Labelled(CareState.NEUTRAL, "My son works as an engineer."),
            new Labelled(CareState.POSITIVE, "I'm really looking forward to the concert tonight."),
            new Labelled(CareState.POSITIVE, "Thank you, that made my day."),
            new Labelled(CareState.POSITIVE, "I slept well and I feel great this morning."));

    @Test
    void heldOutSentencesAreRecognisedAtLeastAsWellAsMeasured() {
        SentenceEmbeddingTextCues textCues = TextCuesOnTheRealModel.textCues();
        int correct = 0;
        double confidenceOfHits = 0;
        double confidenceOfMisses = 0;
        StringBuilder report = new StringBuilder();
        for (Labelled labelled : HELD_OUT) {
            EmotionObservation observation = textCues.cuesIn(labelled.sentence(), TextCuesOnTheRealModel.WINDOW)
                    .orElseThrow();
            boolean right = observation.dominant().equals(labelled.state().className());
            if (right) {
                correct++;
                confidenceOfHits += observation.confidence();
            } else {
                confidenceOfMisses += observation.confidence();
            }
            report.append(String.format(Locale.ROOT, "%s %-11s -> %-11s p=%.2f confidence=%.2f  %s%n",
                    right ? "ok  " : "MISS", labelled.state().className(), observation.dominant(),
                    observation.distribution().probabilityOf(observation.dominant()), observation.confidence(),
                    labelled.sentence()));
        }
        int misses = HELD_OUT.size() - correct;
        double meanConfidenceOfHits = correct == 0 ? 0 : confidenceOfHits / correct;
        double meanConfidenceOfMisses = misses == 0 ? 0 : confidenceOfMisses / misses;
        System.out.printf(Locale.ROOT, "Text cues, held-out accuracy %d/%d = %.3f, mean confidence %.2f on hits,"
                        + " %.2f on misses%n%s", correct, HELD_OUT.size(), (double) correct / HELD_OUT.size(),
                meanConfidenceOfHits, meanConfidenceOfMisses, report);
        assertThat(correct).as("held-out sentences read right\n%s", report).isGreaterThanOrEqualTo(MINIMUM_CORRECT);
        assertThat(meanConfidenceOfMisses).as("the misses are the less confident readings\n%s", report)
                .isLessThan(meanConfidenceOfHits);
    }

    @Test
    void noHeldOutSentenceIsAnExemplar() {
        List<String> exemplarSentences = TextCueExemplars.bundled().exemplars().stream()
                .map(TextCueExemplars.Exemplar::sentence).toList();
        assertThat(HELD_OUT).extracting(Labelled::sentence).doesNotContainAnyElementsOf(exemplarSentences);
    }
}
