package org.eecs.application.port.out;

import java.util.Optional;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.EmotionObservation;

/** Emotional cues in what the patient said, over the care states (see CareState). */
public interface RecognizeTextCues {

    /** @return modality SPEECH_TEXT over the care states; empty when there are no words to read */
    Optional<EmotionObservation> cuesIn(String transcript, TimeWindow window);
}
