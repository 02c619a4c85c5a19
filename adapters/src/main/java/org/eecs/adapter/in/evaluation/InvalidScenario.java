package org.eecs.adapter.in.evaluation;

/** A scenario file that cannot be played; the message says which file, where in it, and what is wrong. */
final class InvalidScenario extends RuntimeException {

    InvalidScenario(String message) {
        super(message);
    }

    InvalidScenario(String message, Throwable cause) {
        super(message, cause);
    }
}
