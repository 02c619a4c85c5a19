package org.eecs.domain.robot;

import java.util.regex.Pattern;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * Names one physical robot. It doubles as the robot's Keycloak client id, so it follows the
 * conservative rules that are safe in URLs, DNS labels and client ids alike.
 */
public record RobotId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public RobotId {
        Require.present("robot id", value);
        if (!FORMAT.matcher(value).matches()) {
            throw new DomainViolation("robot id must be 2 to 63 lower-case letters, digits or hyphens, starting with "
                    + "a letter or digit (it is also the robot's Keycloak client id), got " + Require.quote(value));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
