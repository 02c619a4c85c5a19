package org.eecs.domain.turn;

/** The steps of one conversational turn, from hearing the patient to the robot's reply, in pipeline order. */
public enum Stage {
    VOICE_ACTIVITY,
    FACE_RECOGNITION,
    SPEECH_RECOGNITION,
    TEXT_CUES,
    FUSION,
    SAFETY,
    REASONING,
    SPEECH_SYNTHESIS,
    FACE_ANIMATION,
    MOTION_PLANNING
}
