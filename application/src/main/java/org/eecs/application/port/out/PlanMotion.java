package org.eecs.application.port.out;

import java.time.Duration;
import org.eecs.domain.care.Motion;
import org.eecs.domain.performance.JointTrajectory;

/**
 * Motion generation (the paper's f_Motion): a joint trajectory for one motion of the robot's library, timed to
 * accompany speech of the given length, starting and ending at the rest pose and within every joint's limits.
 */
public interface PlanMotion {

    /** @param speechDuration how long the robot speaks; the motion fills about that long, or longer if it must */
    JointTrajectory plan(Motion motion, Duration speechDuration);
}
