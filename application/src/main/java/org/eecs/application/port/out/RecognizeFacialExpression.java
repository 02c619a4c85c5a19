package org.eecs.application.port.out;

import java.util.List;
import org.eecs.domain.emotion.EmotionObservation;

/**
 * Dynamic facial expression recognition over a clip (the paper's g_DFER): finds the patient's face in each frame,
 * classifies its expression, and aggregates the frames into one distribution for the clip. A clip without any
 * usable face gives {@link FaceReading.NoFace}, never a guess.
 */
public interface RecognizeFacialExpression {

    FaceReading recognize(VideoClip clip);

    /**
     * Starts watching the patient's face during an utterance whose frames arrive one by one (the streaming robot
     * API): each frame is read as it comes, so that when the patient stops only the clip's classification and
     * aggregation remain. Frames count in the order they are seen.
     */
    Watching watch();

    /**
     * One utterance's frames being read, fed in order by one caller. Close it in any case: closing an unfinished
     * one abandons it (the turn was interrupted) and drops its work.
     */
    interface Watching extends AutoCloseable {

        void see(VideoClip.Frame frame);

        /** The utterance has ended: the reading of all frames seen, as {@link #recognize} would give it. */
        FaceReading finish();

        @Override
        void close();
    }

    sealed interface FaceReading {

        /** Per frame, what was done with it. */
        List<FrameOutcome> frames();

        /** @param observation modality FACE, over the expression model's classes */
        record Expression(EmotionObservation observation, List<FrameOutcome> frames) implements FaceReading {
            public Expression {
                frames = List.copyOf(frames);
            }
        }

        record NoFace(List<FrameOutcome> frames) implements FaceReading {
            public NoFace {
                frames = List.copyOf(frames);
            }
        }
    }

    /** @param facesFound how many faces the detector found; with several, the largest most central one is used */
    record FrameOutcome(int index, Use use, int facesFound) {
    }

    enum Use {
        USED,
        SKIPPED_NO_FACE,
        SKIPPED_LOW_CONFIDENCE,
        SKIPPED_UNREADABLE
    }
}
