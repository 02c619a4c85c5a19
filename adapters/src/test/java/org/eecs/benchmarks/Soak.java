package org.eecs.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A soak of the server under the robots' load (issue 12): every sample period, the server's heap after a full
 * collection, its live threads and its connection pool (Hikari's active, idle and waiting), printed as a table with
 * a verdict. They stayed flat when, the first sample left out (start-up and the robots' first turns):
 * <ul>
 *   <li>the least heap after a full collection among the last third of the samples exceeds the least among the first
 *       third by less than 10 % + 16 MB: what the turns in flight hold (a few MB each: their request, answer and
 *       buffers) comes and goes from sample to sample, what is leaked stays and lifts even the least;</li>
 *   <li>live threads grew by at most 8 (pools may add a few threads under a burst, a leak adds them without
 *       end);</li>
 *   <li>the pool never held more connections than its maximum, and at the last sample no request waited for
 *       one;</li>
 *   <li>no turn was refused.</li>
 * </ul>
 * The full collection (System.gc()) every period costs the turns a pause; the heap it leaves is what was retained.
 */
final class Soak {

    private final ConfigurableApplicationContext server;
    private final Duration period;

    Soak(ConfigurableApplicationContext server, Duration period) {
        this.server = server;
        this.period = period;
    }

    record Sample(Duration at, long heapAfterGcMb, int threads, int active, int idle, int waiting, int total) {
    }

    /** Runs the load, sampling while it runs; prints the table, the turns and the verdict. */
    void run(Callable<LoadRobots.Measured> load) throws Exception {
        HikariDataSource hikari = server.getBean(DataSource.class).unwrap(HikariDataSource.class);
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        int maximum = hikari.getMaximumPoolSize();
        ExecutorService robots = Executors.newSingleThreadExecutor();
        Instant start = Instant.now();
        Future<LoadRobots.Measured> measured = robots.submit(load);
        List<Sample> samples = new ArrayList<>();
        System.out.printf("%nsoak: sampled every %d s, load %s%n", period.toSeconds(), CareTurnLoad.uptime());
        System.out.println("  at s   heap after GC MB   threads   pool active  idle  waiting  total");
        while (!measured.isDone()) {
            try {
                measured.get(period.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                Sample sample = sample(Duration.between(start, Instant.now()), pool);
                samples.add(sample);
                System.out.printf("  %5d   %16d   %7d   %11d  %4d  %7d  %5d%n", sample.at().toSeconds(),
                        sample.heapAfterGcMb(), sample.threads(), sample.active(), sample.idle(), sample.waiting(),
                        sample.total());
            }
        }
        robots.shutdown();
        LoadRobots.Measured turns = measured.get();
        List<Double> millis = new ArrayList<>(turns.millis());
        System.out.printf("  turns %d (%.1f a second), refused %d; turn time p50 %.1f ms, p99 %.1f ms; load %s%n",
                millis.size(), millis.size() / (double) Duration.between(start, Instant.now()).toSeconds(),
                turns.errors().size(), CareTurnLoad.percentile(millis, 50), CareTurnLoad.percentile(millis, 99),
                CareTurnLoad.uptime());
        turns.errors().stream().limit(3).forEach(error -> System.out.println("  refused: " + error));
        System.out.println("  verdict: " + verdict(samples, maximum, turns));
    }

    /** The samples after the first period (start-up and the robots' first turns) are judged. */
    static String verdict(List<Sample> samples, int maximumPool, LoadRobots.Measured turns) {
        if (samples.size() < 3) {
            return "too short to judge (fewer than 3 samples)";
        }
        List<String> grew = new ArrayList<>();
        List<Sample> judged = samples.subList(1, samples.size());
        int third = Math.max(1, judged.size() / 3);
        Sample first = judged.getFirst();
        Sample last = judged.getLast();
        long early = judged.subList(0, third).stream().mapToLong(Sample::heapAfterGcMb).min().orElseThrow();
        long late = judged.subList(judged.size() - third, judged.size()).stream().mapToLong(Sample::heapAfterGcMb)
                .min().orElseThrow();
        if (late - early >= early / 10 + 16) {
            grew.add("least heap after GC " + early + " -> " + late + " MB");
        }
        if (last.threads() - first.threads() > 8) {
            grew.add("threads " + first.threads() + " -> " + last.threads());
        }
        if (samples.stream().anyMatch(sample -> sample.total() > maximumPool)) {
            grew.add("the pool held more than its " + maximumPool + " connections");
        }
        if (last.waiting() > 0) {
            grew.add(last.waiting() + " requests waiting for a connection at the end");
        }
        if (!turns.errors().isEmpty()) {
            grew.add(turns.errors().size() + " turns refused");
        }
        return grew.isEmpty() ? "FLAT (heap after GC, threads and pool stayed within bounds)"
                : "NOT FLAT: " + String.join("; ", grew);
    }

    private Sample sample(Duration at, HikariPoolMXBean pool) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heap = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new Sample(at, heap, threads.getThreadCount(), pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(), pool.getTotalConnections());
    }
}
