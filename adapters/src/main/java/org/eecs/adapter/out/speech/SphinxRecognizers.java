package org.eecs.adapter.out.speech;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few Sphinx4 recognizers, each decoding one utterance at a time from its first piece to its end. A recognizer
 * is loaded when first needed (seconds, and about 150 MB retained each), up to {@code size}; when all are busy an
 * utterance waits for one, its audio gathering in its pipe meanwhile, and is then decoded at several times real
 * time until it catches up.
 */
final class SphinxRecognizers {

    private static final Logger log = LoggerFactory.getLogger(SphinxRecognizers.class);

    private final Supplier<SphinxRecognizer> factory;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final Deque<SphinxRecognizer> idle = new ArrayDeque<>();
    private int loaded;

    SphinxRecognizers(Supplier<SphinxRecognizer> factory, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("eecs.speech.sphinx.recognizers must be at least 1, got " + size);
        }
        this.factory = factory;
        this.size = size;
    }

    /** Decodes the audio the stream delivers until it ends, on the first free recognizer. */
    String decode(InputStream pcm) {
        SphinxRecognizer recognizer = take();
        try {
            return recognizer.recognize(pcm);
        } finally {
            give(recognizer);
        }
    }

    /** How many recognizers have been loaded so far. */
    int loaded() {
        lock.lock();
        try {
            return loaded;
        } finally {
            lock.unlock();
        }
    }

    private SphinxRecognizer take() {
        lock.lock();
        try {
            while (idle.isEmpty() && loaded >= size) {
                released.awaitUninterruptibly();
            }
            if (!idle.isEmpty()) {
                return idle.pop();
            }
            loaded++; // claimed before loading, outside the lock, so that others need not wait for the load
        } finally {
            lock.unlock();
        }
        try {
            long start = System.nanoTime();
            SphinxRecognizer recognizer = factory.get();
            log.info("Sphinx4 recognizer {} of {} loaded in {} ms", loaded(), size,
                    (System.nanoTime() - start) / 1_000_000);
            return recognizer;
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                loaded--;
                released.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    private void give(SphinxRecognizer recognizer) {
        lock.lock();
        try {
            idle.push(recognizer);
            released.signal();
        } finally {
            lock.unlock();
        }
    }
}
