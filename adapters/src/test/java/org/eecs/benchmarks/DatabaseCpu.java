package org.eecs.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CPU time of the PostgreSQL server listening on a port (the embedded one this benchmark started), read from
 * Linux's /proc: its postmaster (found by its {@code -p <port>} argument) and every live process under it, plus what
 * finished ones left to their parents. Clock ticks of 1/100 s (Linux's USER_HZ); zero where there is no /proc.
 */
final class DatabaseCpu {

    private static final double TICKS_PER_SECOND = 100;

    private DatabaseCpu() {
    }

    static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }

    static long ticks(int port) {
        long postmaster = -1;
        List<long[]> processes = new ArrayList<>(); // pid, parent, own ticks, reaped children's ticks
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String command = Files.readString(dir.resolve("cmdline"));
                    if (command.contains("postgres") && command.contains("\0-p\0" + port + "\0")) {
                        postmaster = Long.parseLong(dir.getFileName().toString());
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                    processes.add(new long[] {Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]),
                            Long.parseLong(f[13]) + Long.parseLong(f[14])});
                } catch (IOException | RuntimeException gone) {
                    // a process that ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        Set<Long> ours = new HashSet<>(Set.of(postmaster));
        long ticks = 0;
        for (long[] p : processes) {
            if (p[0] == postmaster) {
                ticks += p[2] + p[3];
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (long[] p : processes) {
                if (!ours.contains(p[0]) && ours.contains(p[1])) {
                    ours.add(p[0]);
                    ticks += p[2] + p[3];
                    grew = true;
                }
            }
        }
        return ticks;
    }
}
