package org.eecs.robot.capture;

/** Where the patient's voice comes from: a sound card, or a file "as if the patient spoke". */
public interface Microphone extends AutoCloseable {

    /** The next chunk, waiting until it has been captured; {@code null} once the source has ended. */
    AudioChunk next() throws InterruptedException;

    /** Drops what was captured and not yet read (e.g. while no session was in progress). */
    default void discardPending() {
    }

    @Override
    void close();
}
