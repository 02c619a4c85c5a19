package org.eecs.domain.emotion;

import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.TimeWindow;

/**
 * What one model estimated about the patient's emotion over a stretch of the conversation.
 * Confidence is the model's own certainty in the estimate, separate from the class probabilities.
 */
public record EmotionObservation(Modality modality, EmotionDistribution distribution, double confidence,
                                 ModelRef model, TimeWindow window) {

    public EmotionObservation {
        Require.present("modality", modality);
        Require.present("emotion distribution", distribution);
        if (!Double.isFinite(confidence) || confidence < 0 || confidence > 1) {
            throw new DomainViolation("confidence must be between 0 and 1, got " + confidence);
        }
        Require.present("model", model);
        Require.present("observation window", window);
    }

    public String dominant() {
        return distribution.dominant();
    }
}
