package org.eecs.domain.consent;

/** What a patient can agree to, each separately: agreeing to be heard is not agreeing to be recorded. */
public enum ConsentScope {
    AUDIO_CAPTURE,
    VIDEO_CAPTURE,
    EMOTION_ANALYSIS,
    EXTERNAL_LLM_PROCESSING,
    RECORDING_RETENTION,
    RESEARCH_USE
}
