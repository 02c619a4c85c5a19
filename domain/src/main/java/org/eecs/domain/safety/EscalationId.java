package org.eecs.domain.safety;

import java.util.UUID;
import org.eecs.domain.Require;

public record EscalationId(UUID value) {

    public EscalationId {
        Require.present("escalation id", value);
    }

    public static EscalationId newId() {
        return new EscalationId(UUID.randomUUID());
    }

    public static EscalationId of(String text) {
        return new EscalationId(Require.uuid("escalation id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
