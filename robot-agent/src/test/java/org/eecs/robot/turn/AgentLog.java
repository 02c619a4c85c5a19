package org.eecs.robot.turn;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the agent logs while a test runs: what the operator reads. */
final class AgentLog extends Handler implements AutoCloseable {

    private static final Logger AGENT = Logger.getLogger("org.eecs.robot");

    final List<String> said = new CopyOnWriteArrayList<>();

    AgentLog() {
        AGENT.addHandler(this);
    }

    boolean said(String words) {
        return said.stream().anyMatch(line -> line.contains(words));
    }

    /** Waits (at most 20 s) until the agent has said {@code words}. */
    void await(String words) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!said(words)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent did not say \"" + words + "\" within 20 s; it said " + said);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void publish(LogRecord record) {
        said.add(String.valueOf(record.getMessage()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        AGENT.removeHandler(this);
    }
}
