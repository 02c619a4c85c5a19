package org.eecs.domain.emotion;

/** Where an emotion estimate came from: the face, the words spoken, or both fused into one. */
public enum Modality {
    FACE,
    SPEECH_TEXT,
    FUSED
}
