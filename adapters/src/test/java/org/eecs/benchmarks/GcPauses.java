package org.eecs.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The pauses of this JVM's collector, as its collectors' MXBeans notify them (to the millisecond): how many, their
 * sum and the longest since {@link #mark}. Every collector bean reports pauses except ZGC's and Shenandoah's
 * "... Cycles", which are concurrent work; G1's "G1 Concurrent GC" reports its Remark and Cleanup pauses. Each
 * pause's span is kept too, on this JVM's {@link System#nanoTime} scale, so that a slow turn can be told whether a
 * pause stopped it.
 */
final class GcPauses {

    private static final GcPauses INSTANCE = new GcPauses();

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalMillis = new AtomicLong();
    private final AtomicLong longestMillis = new AtomicLong();
    private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
    /** System.nanoTime at the JVM's start, to the millisecond: the MXBeans time pauses from the JVM's start */
    private final long startedNanos = System.nanoTime()
            - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;

    private GcPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getName().contains("Cycles") || !(collector instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                            .getGcInfo();
                    long millis = info.getDuration();
                    spans.add(new Span(startedNanos + info.getStartTime() * 1_000_000,
                            startedNanos + (info.getStartTime() + millis) * 1_000_000));
                    count.incrementAndGet();
                    totalMillis.addAndGet(millis);
                    longestMillis.accumulateAndGet(millis, Math::max);
                }
            }, null, null);
        }
    }

    /** Starts listening (once a JVM). */
    static GcPauses listening() {
        return INSTANCE;
    }

    /** Starts counting anew: what {@link #since} reports. */
    void mark() {
        count.set(0);
        totalMillis.set(0);
        longestMillis.set(0);
        spans.clear();
    }

    /** The pauses' spans since the last {@link #mark}. */
    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** One pause, from its start to its end (System.nanoTime of this JVM, to the millisecond). */
    record Span(long startNanos, long endNanos) {

        /** Whether this pause fell, even in part, within the given span. */
        boolean overlaps(long fromNanos, long toNanos) {
            return startNanos < toNanos && endNanos > fromNanos;
        }
    }

    /** The pauses since the last {@link #mark}. */
    Summary since() {
        return new Summary(count.get(), totalMillis.get(), longestMillis.get());
    }

    /** Pauses: how many, their sum and the longest, in milliseconds. */
    record Summary(long count, long totalMillis, long longestMillis) {

        static Summary parse(String words) {
            String[] w = words.trim().split(" ");
            return new Summary(Long.parseLong(w[0]), Long.parseLong(w[1]), Long.parseLong(w[2]));
        }

        String words() {
            return count + " " + totalMillis + " " + longestMillis;
        }

        @Override
        public String toString() {
            return String.format("%d pauses, %d ms in all, longest %d ms", count, totalMillis, longestMillis);
        }
    }
}
