package org.eecs.domain.session;

import java.util.UUID;
import org.eecs.domain.Require;

public record CareSessionId(UUID value) {

    public CareSessionId {
        Require.present("care session id", value);
    }

    public static CareSessionId newId() {
        return new CareSessionId(UUID.randomUUID());
    }

    public static CareSessionId of(String text) {
        return new CareSessionId(Require.uuid("care session id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
