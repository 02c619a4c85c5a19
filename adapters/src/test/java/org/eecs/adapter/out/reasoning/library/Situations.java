package org.eecs.adapter.out.reasoning.library;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.out.ReasonAboutCare.Exchange;
import org.eecs.application.port.out.ReasonAboutCare.SessionContext;
import org.eecs.application.port.out.ReasonAboutCare.Situation;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionFusion;
import org.eecs.domain.emotion.EmotionFusion.FusedState;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Preferences;

/** What the patient said, how they seemed and where the session stands, as the reasoning tests need it. */
final class Situations {

    static final TimeWindow WINDOW = TimeWindow.of(Instant.parse("2026-11-25T10:00:00Z"), Duration.ofSeconds(4));

    private Situations() {
    }

    /** A fused state whose dominant care state is the given one (0.7 of the mass, the rest spread evenly). */
    static FusedState feeling(CareState dominant) {
        double[] probabilities = new double[CareState.values().length];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = i == dominant.ordinal() ? 0.7 : 0.3 / (probabilities.length - 1);
        }
        EmotionObservation observation = new EmotionObservation(Modality.FUSED,
                EmotionDistribution.of(CareState.classNames(), probabilities), 0.8, EmotionFusion.MODEL, WINDOW);
        return new FusedState(observation, Set.of(Modality.FACE, Modality.SPEECH_TEXT), 0.9);
    }

    static Situation withEmotion(String said, CareState feeling, List<Exchange> earlier) {
        return new Situation(said, Optional.of(feeling(feeling)), false, context("en", earlier), Set.of());
    }

    static Situation withheld(String said) {
        return new Situation(said, Optional.empty(), true, context("en", List.of()), Set.of());
    }

    static SessionContext context(String language, List<Exchange> earlier) {
        return new SessionContext(earlier, AgeGroup.SENIOR, language, new Preferences(List.of("likes gardening")),
                "ease pre-operative anxiety");
    }
}
