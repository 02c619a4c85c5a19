package org.eecs.application.turn;

import java.time.Instant;
import java.util.Optional;
import org.eecs.domain.consent.Consent;
import org.eecs.domain.consent.ConsentHistory;
import org.eecs.domain.consent.ConsentScope;

/**
 * What the patient's consent permits for one turn, read at the turn's instant: hearing them at all, seeing them,
 * analysing their emotion, sending their words to an external language model, and keeping the raw recordings (until
 * when).
 */
record TurnConsent(boolean audio, boolean video, boolean emotionAnalysis, boolean externalLanguageModel,
                   Optional<Instant> keepRecordingsUntil) {

    static TurnConsent at(ConsentHistory history, Instant instant) {
        Optional<Consent> inForce = history.inForceAt(instant);
        boolean retention = history.permits(ConsentScope.RECORDING_RETENTION, instant);
        return new TurnConsent(history.permits(ConsentScope.AUDIO_CAPTURE, instant),
                history.permits(ConsentScope.VIDEO_CAPTURE, instant),
                history.permits(ConsentScope.EMOTION_ANALYSIS, instant),
                history.permits(ConsentScope.EXTERNAL_LLM_PROCESSING, instant),
                retention ? inForce.map(consent -> instant.plus(consent.recordingRetention())) : Optional.empty());
    }

    /** Faces are read only when the patient may be both seen and analysed. */
    boolean readsFaces() {
        return video && emotionAnalysis;
    }
}
