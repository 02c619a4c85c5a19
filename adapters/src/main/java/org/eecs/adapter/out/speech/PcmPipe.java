package org.eecs.adapter.out.speech;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Audio handed from the thread that hears the robot to the thread that decodes it: pieces are queued as they
 * arrive, and reads block until there is more or the utterance has ended. Abandoning it ends reads at once and
 * drops what was queued.
 */
final class PcmPipe extends InputStream {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition more = lock.newCondition();
    private final Deque<byte[]> pieces = new ArrayDeque<>();
    private int offset;
    private boolean ended;
    private long read;

    void write(byte[] piece) {
        lock.lock();
        try {
            if (ended) {
                throw new IllegalStateException("the utterance has ended");
            }
            if (piece.length > 0) {
                pieces.addLast(piece.clone());
                more.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more audio: reads drain what is queued, then see the end. */
    void end() {
        lock.lock();
        try {
            ended = true;
            more.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends at once, dropping what has not been read. */
    void abandon() {
        lock.lock();
        try {
            pieces.clear();
            ended = true;
            more.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many bytes the decoder has taken so far. */
    long bytesRead() {
        lock.lock();
        try {
            return read;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (pieces.isEmpty() && !ended) {
                more.awaitUninterruptibly();
            }
            if (pieces.isEmpty()) {
                return -1;
            }
            byte[] head = pieces.peekFirst();
            int n = Math.min(len, head.length - offset);
            System.arraycopy(head, offset, buffer, off, n);
            offset += n;
            if (offset == head.length) {
                pieces.removeFirst();
                offset = 0;
            }
            read += n;
            return n;
        } finally {
            lock.unlock();
        }
    }
}
