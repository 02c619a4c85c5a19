package org.eecs.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The pauses of this JVM's collector, as its collectors' MXBeans notify them (to the millisecond): how many, their
 * sum and the longest since {@link #mark}. Every collector bean reports pauses except ZGC's and Shenandoah's
 * "... Cycles", which are concurrent work; G1's "G1 Concurrent GC" reports its Remark and Cleanup pauses.
 */
final class GcPauses {

    private static final GcPauses INSTANCE = new GcPauses();

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalMillis = new AtomicLong();
    private final AtomicLong longestMillis = new AtomicLong();

    private GcPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getName().contains("Cycles") || !(collector instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    long millis = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                            .getGcInfo().getDuration();
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
