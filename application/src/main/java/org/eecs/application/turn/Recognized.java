package org.eecs.application.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eecs.domain.emotion.EmotionFusion.FusedState;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.turn.StageLatencies;

/**
 * What recognition made of one utterance: the words, the face's and the words' emotion, their fusion (each empty
 * when not recognised or not permitted), and the time each stage took.
 */
record Recognized(String transcript, Optional<EmotionObservation> face, Optional<EmotionObservation> words,
                  Optional<FusedState> fused, StageLatencies latencies) {

    /** The observations a turn records, fused last. */
    List<EmotionObservation> observations() {
        List<EmotionObservation> observations = new ArrayList<>();
        face.ifPresent(observations::add);
        words.ifPresent(observations::add);
        fused.ifPresent(state -> observations.add(state.observation()));
        return observations;
    }
}
