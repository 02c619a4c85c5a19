package org.eecs.adapter.out.generation;

/**
 * A robot profile, motion library or prosody table that cannot be used. The message names the file, the place in
 * it and what is wrong, so the start fails with something an installer can fix.
 */
final class InvalidGenerationFile extends IllegalStateException {

    InvalidGenerationFile(String message) {
        super(message);
    }

    InvalidGenerationFile(String message, Throwable cause) {
        super(message, cause);
    }
}
