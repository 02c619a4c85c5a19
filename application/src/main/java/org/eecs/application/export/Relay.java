package org.eecs.application.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reading and writing an export on two threads, so that the database's cursor and the file's writing overlap: the
 * calling thread reads (it holds the reading's transaction and cursor) and hands the records over, a batch at a
 * time, to a writing thread. At most {@link #BATCHES_WAITING} batches of {@link #BATCH} records wait between them,
 * so memory stays bounded whatever the export's size. Records reach the writer in the order they were read.
 * Whichever side fails first ends both, and its exception (the very one, so that {@link ExportRun.Stopped} stays
 * what it is) is thrown to the caller.
 */
public final class Relay<T> {

    static final int BATCH = 256;
    static final int BATCHES_WAITING = 8;
    private static final List<Object> END = List.of();

    private final BlockingQueue<List<Object>> waiting = new ArrayBlockingQueue<>(BATCHES_WAITING);
    private final Consumer<? super T> writer;
    private volatile Throwable writerFailed;
    private volatile boolean readerFailed;
    private List<Object> batch = new ArrayList<>(BATCH);

    private Relay(Consumer<? super T> writer) {
        this.writer = writer;
    }

    /**
     * Runs {@code reading} on this thread, handing each record it reads to {@code writing}, which runs on a thread
     * of its own named {@code name}; returns when both are done.
     */
    public static <T> void run(String name, Consumer<Consumer<T>> reading, Consumer<? super T> writing) {
        Relay<T> relay = new Relay<>(writing);
        Thread writer = Thread.ofPlatform().name(name).daemon().start(relay::write);
        try {
            reading.accept(relay::handOver);
            relay.send(relay.batch);
            relay.send(END);
        } catch (RuntimeException | Error failure) {
            relay.readerFailed = true; // the writer stops at its next batch
            join(writer);
            throw failure; // the writer's own, when its failure ended the reading
        }
        join(writer);
        relay.failIfWriterFailed();
    }

    private void handOver(T record) {
        batch.add(record);
        if (batch.size() == BATCH) {
            send(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits while the writer is behind, but not for a writer that has failed: its failure ends the reading. */
    private void send(List<Object> records) {
        try {
            while (!waiting.offer(records, 100, TimeUnit.MILLISECONDS)) {
                failIfWriterFailed();
            }
            failIfWriterFailed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing records to the writer", e);
        }
    }

    private void failIfWriterFailed() {
        Throwable failed = writerFailed;
        if (failed instanceof RuntimeException failure) {
            throw failure;
        }
        if (failed != null) {
            throw new IllegalStateException("the writing failed", failed);
        }
    }

    @SuppressWarnings("unchecked")
    private void write() {
        try {
            while (!readerFailed) {
                List<Object> records = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (records == END) {
                    return;
                }
                if (records != null && !readerFailed) {
                    for (Object record : records) {
                        writer.accept((T) record);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it but the JVM's end
        } catch (RuntimeException | Error failure) {
            if (!readerFailed) {
                writerFailed = failure;
            }
        }
    }

    /**
     * Waits for the writer to end, even when interrupted (the interruption is kept for the caller): nobody may close
     * the file while the writer still writes to it, and a writer told to stop does so within one batch.
     */
    private static void join(Thread writer) {
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
