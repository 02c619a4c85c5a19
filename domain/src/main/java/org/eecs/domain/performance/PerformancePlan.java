package org.eecs.domain.performance;

import java.time.Duration;
import java.util.stream.Stream;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;
import org.eecs.domain.care.CareResponse;

/**
 * How the robot performs one care response: the speech, the face and the body on one timeline. Each part starts
 * at its offset from a common start, so the robot starts them on one clock and they stay in step. The face covers
 * the speech frame for frame ({@link FaceTimeline#framesFor}); the body's trajectory may outlast the speech when a
 * gesture cannot be finished safely sooner.
 */
public record PerformancePlan(CareResponse response,
                              Speech speech, Duration speechOffset,
                              FaceTimeline face, Duration faceOffset,
                              JointTrajectory motion, Duration motionOffset) {

    public PerformancePlan {
        Require.present("care response", response);
        Require.present("speech", speech);
        Require.present("face timeline", face);
        Require.present("joint trajectory", motion);
        notNegative("speech offset", speechOffset);
        notNegative("face offset", faceOffset);
        notNegative("motion offset", motionOffset);
        int frames = FaceTimeline.framesFor(speech.duration());
        if (face.frameCount() != frames) {
            throw new DomainViolation("the face timeline must have " + frames + " frames to cover "
                    + speech.duration() + " of speech, got " + face.frameCount());
        }
    }

    /** From the common start until the last part ends. */
    public Duration duration() {
        return Stream.of(speechOffset.plus(speech.duration()), faceOffset.plus(face.duration()),
                motionOffset.plus(motion.duration())).max(Duration::compareTo).orElseThrow();
    }

    private static void notNegative(String field, Duration offset) {
        Require.present(field, offset);
        if (offset.isNegative()) {
            throw new DomainViolation(field + " must not be negative, got " + offset);
        }
    }
}
