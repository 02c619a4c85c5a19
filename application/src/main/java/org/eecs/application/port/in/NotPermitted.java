package org.eecs.application.port.in;

import org.eecs.domain.audit.Role;

/** The caller's role does not allow this use case at all (whatever the record). */
public class NotPermitted extends RuntimeException {

    public NotPermitted(Role actingAs, String what) {
        super("a caller acting as " + actingAs + " may not " + what);
    }
}
