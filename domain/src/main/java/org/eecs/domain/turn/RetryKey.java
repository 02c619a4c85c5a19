package org.eecs.domain.turn;

import org.eecs.domain.Require;

/**
 * The key under which a robot will ask again for a turn's answer if the answer does not reach it (a lost
 * connection, a restarted instance): a turn taken under a key answers it when the turn is recorded, and a robot
 * asking again under the key is given that turn's answer instead of a second turn.
 *
 * @param robot the robot's id: a key is its holder's own
 * @param value the key, as the robot sent it
 */
public record RetryKey(String robot, String value) {

    /** The longest key a robot may send. */
    public static final int MAX_LENGTH = 255;

    public RetryKey {
        Require.text("robot", robot, MAX_LENGTH);
        Require.text("retry key", value, MAX_LENGTH);
    }
}
