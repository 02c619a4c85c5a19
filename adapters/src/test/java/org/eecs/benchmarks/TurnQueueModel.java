package org.eecs.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * What a turn's CPU means for its latency on 2 cores, by a model rather than a measurement (docs/benchmarks.md,
 * issue 7): 64 robots pausing 2 to 4 s between turns; each turn needs D ms of CPU on its critical path (its request
 * thread and its database backend, one core at a time), gamma-distributed with a coefficient of variation of 0.3;
 * beside the turns, as much background CPU a turn (the JVMs' other threads, the robots) arrives in small Poisson
 * pieces of 2 ms on average; the cores are shared equally among whatever is runnable (processor sharing). Prints
 * the turns' p50 and p99 for each D, after a 20 s start, over 10 simulated minutes.
 * Run: {@code java -cp adapters/target/test-classes org.eecs.benchmarks.TurnQueueModel 18.5:16.5 9 6 4}
 * (D, or D:background; background defaults to D).
 */
public final class TurnQueueModel {

    private static final int ROBOTS = 64;
    private static final int CORES = 2;
    private static final double BACKGROUND_PIECE_MS = 2.0;

    private TurnQueueModel() {
    }

    public static void main(String[] args) {
        for (String arg : args.length == 0 ? new String[] {"18.5:16.5", "12", "9", "6", "4"} : args) {
            String[] parts = arg.split(":");
            double demand = Double.parseDouble(parts[0]);
            double background = parts.length > 1 ? Double.parseDouble(parts[1]) : demand;
            List<Double> latencies = simulate(demand, background, 600_000, new Random(1));
            System.out.printf("D %5.1f ms, background %5.1f ms a turn: %d turns, p50 %6.1f ms, p99 %6.1f ms%n",
                    demand, background, latencies.size(), latencies.get(latencies.size() / 2),
                    latencies.get((int) (latencies.size() * 0.99)));
        }
    }

    private record Arrival(double at, int robot) { // robot -1: a piece of background work
    }

    private static final class Job {
        double remaining;
        final double start;
        final int robot;

        Job(double remaining, double start, int robot) {
            this.remaining = remaining;
            this.start = start;
            this.robot = robot;
        }
    }

    static List<Double> simulate(double demand, double background, double durationMs, Random random) {
        PriorityQueue<Arrival> arrivals = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
        for (int robot = 0; robot < ROBOTS; robot++) {
            arrivals.add(new Arrival(random.nextDouble() * 3000, robot));
        }
        double turnsPerMs = ROBOTS / (3000 + demand);
        double piecesPerMs = turnsPerMs * background / BACKGROUND_PIECE_MS;
        arrivals.add(new Arrival(exponential(random, piecesPerMs), -1));
        double shape = 1 / (0.3 * 0.3);
        List<Job> running = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        double now = 0;
        while (now < durationMs) {
            double rate = running.isEmpty() ? 0 : Math.min(1.0, CORES / (double) running.size());
            Job first = running.stream().min((a, b) -> Double.compare(a.remaining, b.remaining)).orElse(null);
            double completes = first == null ? Double.MAX_VALUE : now + first.remaining / rate;
            double arrives = arrivals.peek().at();
            double next = Math.min(completes, arrives);
            for (Job job : running) {
                job.remaining -= (next - now) * rate;
            }
            now = next;
            if (completes <= arrives) {
                running.remove(first);
                if (first.robot >= 0) {
                    if (now > 20_000) {
                        latencies.add(now - first.start);
                    }
                    arrivals.add(new Arrival(now + 2000 + random.nextDouble() * 2000, first.robot));
                }
            } else {
                Arrival arrival = arrivals.poll();
                if (arrival.robot() >= 0) {
                    running.add(new Job(gamma(random, shape, demand / shape), now, arrival.robot()));
                } else {
                    running.add(new Job(exponential(random, 1 / BACKGROUND_PIECE_MS), now, -1));
                    arrivals.add(new Arrival(now + exponential(random, piecesPerMs), -1));
                }
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static double exponential(Random random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    /** Marsaglia and Tsang's method (shape >= 1). */
    private static double gamma(Random random, double shape, double scale) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }
}
