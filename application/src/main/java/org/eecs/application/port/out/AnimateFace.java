package org.eecs.application.port.out;

import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.performance.FaceTimeline;
import org.eecs.domain.performance.Speech;

/**
 * Audio-driven facial animation (the paper's f_AudioFace): the face's timeline for the speech, its mouth moving
 * with the audio and the target expression blended in and out. The timeline has exactly
 * {@link FaceTimeline#framesFor}{@code (speech.duration())} frames.
 */
public interface AnimateFace {

    FaceTimeline animate(Speech speech, FacialExpression expression);
}
