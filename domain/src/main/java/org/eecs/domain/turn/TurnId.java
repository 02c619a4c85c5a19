package org.eecs.domain.turn;

import java.util.UUID;
import org.eecs.domain.Require;

public record TurnId(UUID value) {

    public TurnId {
        Require.present("turn id", value);
    }

    public static TurnId newId() {
        return new TurnId(UUID.randomUUID());
    }

    public static TurnId of(String text) {
        return new TurnId(Require.uuid("turn id", text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
