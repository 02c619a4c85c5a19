package org.eecs.application.port.out;

import org.eecs.domain.care.RobotAbilities;

/**
 * The humanoid this installation drives, as its profile file describes it. Reasoning asks it which tones,
 * facial expressions and motions to offer; generation renders exactly those.
 */
public interface RobotProfile {

    RobotAbilities abilities();
}
