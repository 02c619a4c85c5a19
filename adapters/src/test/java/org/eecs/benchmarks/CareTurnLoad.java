package org.eecs.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.eecs.EecsApplication;
import org.eecs.application.port.out.RecognizeCrisis;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeFacialExpression.FaceReading;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.SpeechAudio;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.VideoClip;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.emotion.EmotionDistribution;
import org.eecs.domain.emotion.EmotionObservation;
import org.eecs.domain.emotion.Modality;
import org.eecs.domain.emotion.ModelRef;
import org.eecs.domain.performance.Speech;
import org.eecs.domain.turn.Stage;
import org.eecs.perception.audio.WavDecoder;
import org.eecs.testing.BackendMessages;
import org.eecs.testing.TestDatabase;
import org.eecs.testing.TestIssuer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The care turn under load, over the real robot API of a server started here (embedded PostgreSQL, the in-process
 * token issuer). Four measurements (docs/benchmarks.md):
 * <ul>
 *   <li>{@code overhead}: the orchestration's own time, turn time (as the robot sees it) minus model time (the
 *       stages the turn recorded), at 1, 16 and 64 concurrent robots. Recognition (face, speech, text cues, crisis
 *       language) is replaced by fast in-process stand-ins, and each answer's speech is synthesised by FreeTTS once
 *       and then said again at once ({@code speech=freetts} among the arguments: at every turn); the care library,
 *       the face animation and the motion run as they are (their time is model time). Each robot posts a multipart turn (a 3 s WAV and 16 JPEG frames), waits for the answer,
 *       then pauses as a robot performing it and a patient answering would. The robots run in a JVM of their own
 *       ({@link LoadRobots}), so that the CPU a turn costs is told apart: the server's, the robots', PostgreSQL's.
 *       The same robots take turns until the JIT has settled ({@link #settle}), then warm up before the measured
 *       window opens; beside the robots' times, the server's own time of each turn request ({@link ServerTurnTimes})
 *       and both JVMs' collector pauses ({@link GcPauses}).</li>
 *   <li>{@code overhead-streamed}: the same, each turn streamed over the session's WebSocket as the robot agent
 *       does (audio in real time, frames spread over it, then {@code end}); from {@code end} to the answer.</li>
 *   <li>{@code soak}: the same turns for a long while (issue 12), the server's heap after a full collection, its live
 *       threads and its connection pool sampled every 30 s, with a verdict on whether they stayed flat.</li>
 *   <li>{@code streamed}: with the embedded models, a 3 s utterance and 16 frames streamed in real time over the
 *       WebSocket; from the end of speech to the performance plan, and that time less the speech recognition's
 *       tail.</li>
 * </ul>
 * Run: {@code ./mvnw -pl adapters -am -DskipTests test-compile exec:exec@load -Dload="overhead 1,16,64 60"},
 * {@code -Dload="overhead-streamed 1,16,64 60"}, {@code -Dload="soak 64 1800"} or {@code -Dload="streamed 12"};
 * {@code warmup=S} among the arguments sets the warm-up before each window (default 20 s), {@code jit=N} the turns
 * taken back to back before any (default 8,000).
 */
public final class CareTurnLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PAUSE = Duration.ofSeconds(3);
    private static final Duration SOAK_SAMPLE = Duration.ofSeconds(30);
    private static final int FRAMES = 16;
    /** turns before any window, back to back ({@code jit=N} among the arguments), and from how many robots */
    private static final int JIT_TURNS = 8_000;
    private static final int JIT_ROBOTS = 8;
    /** the JIT has settled when its compilers take less than this share of one core's time over a spell */
    private static final double SETTLED = 0.01;
    private static final Duration SETTLING_SPELL = Duration.ofSeconds(15);
    private static final Duration SETTLING_AT_MOST = Duration.ofMinutes(10);
    private static final List<Stage> MODEL_STAGES = List.of(Stage.FACE_RECOGNITION, Stage.SPEECH_RECOGNITION,
            Stage.TEXT_CUES, Stage.FUSION, Stage.SAFETY, Stage.REASONING, Stage.SPEECH_SYNTHESIS,
            Stage.FACE_ANIMATION, Stage.MOTION_PLANNING);

    private final ConfigurableApplicationContext server;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();
    private final String clinician = TestIssuer.user("dr-load-" + suffix(), "clinician");
    private final String admin = TestIssuer.user("admin-load-" + suffix(), "admin");
    private final byte[] wav;
    /** the server's own time of each turn request (Tomcat's) */
    private final ServerTurnTimes turnTimes = new ServerTurnTimes();
    private final byte[] frame;
    /** multipart (a WAV and 16 frames) or text (the words alone); with an Idempotency-Key or not */
    private String form = "multipart";
    private boolean keyed = true;

    private CareTurnLoad(boolean standIns) {
        this(standIns, standIns);
    }

    /** @param speechStandIn each answer's speech synthesised once by FreeTTS, then said again at once */
    private CareTurnLoad(boolean standIns, boolean speechStandIn) {
        this.server = start(standIns, speechStandIn, turnTimes);
        this.base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        this.wav = espeak("I feel overwhelmed and don't know what to do."); // about 3 s
        this.frame = resource("/faces/sample3-middle.jpg");
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1); // the server's threads would keep a failed run alive
        }
    }

    private static void run(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "overhead";
        List<String> positional = Arrays.stream(args).filter(arg -> !arg.contains("=")).toList();
        Duration warmUp = Duration.ofSeconds(Arrays.stream(args).filter(arg -> arg.startsWith("warmup="))
                .mapToLong(arg -> Long.parseLong(arg.substring("warmup=".length()))).findFirst().orElse(20));
        int jitTurns = Arrays.stream(args).filter(arg -> arg.startsWith("jit="))
                .mapToInt(arg -> Integer.parseInt(arg.substring("jit=".length()))).findFirst().orElse(JIT_TURNS);
        System.out.println("machine before: " + uptime());
        if (mode.equals("overhead") || mode.equals("overhead-streamed")) {
            List<Integer> robots = Arrays.stream((positional.size() > 1 ? positional.get(1) : "1,16,64").split(","))
                    .map(Integer::parseInt).toList();
            Duration each = Duration.ofSeconds(positional.size() > 2 ? Long.parseLong(positional.get(2)) : 60);
            boolean freeTts = Arrays.asList(args).contains("speech=freetts");
            CareTurnLoad load = new CareTurnLoad(true, !freeTts);
            if (mode.equals("overhead-streamed")) {
                load.form = "streamed";
            } else {
                load.form = positional.size() > 3 ? positional.get(3) : "multipart";
                load.keyed = !(positional.size() > 4 && positional.get(4).equals("nokey"));
            }
            System.out.printf("robots' JVM: %s; %d turns back to back for the JIT, then a warm-up of %d s at each "
                    + "concurrency before its window; speech %s%n", LoadRobots.ROBOTS_JVM, jitTurns, warmUp.toSeconds(),
                    freeTts ? "synthesised by FreeTTS at every turn"
                            : "synthesised by FreeTTS once an answer, then said again at once");
            load.warmUp(jitTurns);
            for (int concurrent : robots) {
                load.overhead(concurrent, warmUp, each);
            }
            load.server.close();
        } else if (mode.equals("soak")) {
            int robots = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 64;
            Duration duration = Duration.ofSeconds(positional.size() > 2 ? Long.parseLong(positional.get(2)) : 1800);
            CareTurnLoad load = new CareTurnLoad(true);
            load.warmUp(jitTurns);
            new Soak(load.server, SOAK_SAMPLE).run(() -> load.robotsFor(robots, duration));
            load.server.close();
        } else {
            int turns = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 12;
            CareTurnLoad load = new CareTurnLoad(false);
            load.streamed(turns);
            load.server.close();
        }
        LoadRobots.stop();
        System.out.println("machine after: " + uptime());
    }

    // ---------------------------------------------------------------- orchestration overhead

    /**
     * The JIT compiles the turn's path before anything is measured, as in a server that has answered turns for a
     * while: {@link #JIT_TURNS} multipart turns from 8 robots, back to back, whatever the form measured (the use case,
     * persistence and answer are shared; a method run once a turn is compiled by C2 only after 5,000 to 15,000 runs,
     * and with the 100 turns of before, every window ran a JIT still compiling: C2 took 6 s of CPU in a 60 s window,
     * and the server's CPU a turn was twice its steady value); then, streamed, 16 robots' 4 streamed turns each, without
     * pauses, a streamed turn lasting its 3.3 s of speech.
     */
    private void warmUp(int jitTurns) throws Exception {
        String measured = form;
        form = "multipart";
        List<Robot> robots = new ArrayList<>();
        for (int i = 0; i < JIT_ROBOTS; i++) {
            robots.add(newRobot());
        }
        warm(robots, Math.ceilDiv(jitTurns, JIT_ROBOTS));
        form = measured;
        if (form.equals("streamed")) {
            robots.clear();
            for (int i = 0; i < 16; i++) {
                robots.add(newRobot());
            }
            warm(robots, 4);
        }
    }

    private void warm(List<Robot> robots, int turnsEach) throws Exception {
        unmeasured(plan(robots, Duration.ZERO, Duration.ofMinutes(30), turnsEach, Duration.ZERO));
    }

    /** The plan's turns, none measured; a refused one fails the run (a warm-up must be the turns measured after). */
    private static void unmeasured(LoadRobots.Plan plan) throws Exception {
        LoadRobots.Measured taken = LoadRobots.drive(plan, NO_WINDOW);
        if (!taken.errors().isEmpty()) {
            throw new IllegalStateException("turns refused before the window: " + taken.errors().getFirst());
        }
    }

    /**
     * The robots take turns at the window's concurrency, in spells, until the server's JIT has settled: until its
     * compilers' time (summed over its compiler threads; elapsed, so never less than their CPU) is less than
     * {@link #SETTLED} of a core over a spell, or {@link #SETTLING_AT_MOST} has passed (said as not settled). The
     * 8,000 turns of {@link #warmUp} leave C2 a queue: at 64 robots, methods run once a turn reached C2 only in the
     * first 30 s of a window that followed 20 s of warm-up ({@code -Xlog:jit+compilation}, 2026-12-02), and the
     * compilers took 4 to 5 ms of CPU a turn of the two cores the turns share; after 180 s of warm-up, 0.2 ms. How long
     * settling took, and the compilers' time in its first and last spells, is printed. Then one full collection (see
     * there why).
     */
    private void settle(List<Robot> robots) throws Exception {
        long started = System.nanoTime();
        long first = -1;
        for (int spells = 1; ; spells++) {
            long before = compiling();
            unmeasured(plan(robots, Duration.ZERO, SETTLING_SPELL, 0, PAUSE));
            long compiling = compiling() - before;
            first = first < 0 ? compiling : first;
            Duration spent = Duration.ofNanos(System.nanoTime() - started);
            boolean settled = compiling < SETTLED * SETTLING_SPELL.toMillis();
            if (settled || spent.compareTo(SETTLING_AT_MOST) >= 0) {
                // The stand-in's speech of each answer, kept from its first turn (StandIns), is tens of MB that young
                // collections would copy from survivor to survivor until it is 15 collections old: one full
                // collection puts it, and whatever else lives on, where a server taking turns for hours has it.
                System.gc();
                System.out.printf("%n%d robots: the JIT %s after %d s of turns at this concurrency (%d spells of %d s;"
                                + " its compilers took %d ms in the first, %d ms in the last), then a full collection%n",
                        robots.size(), settled ? "settled" : "had NOT settled", spent.toSeconds(), spells,
                        SETTLING_SPELL.toSeconds(), first, compiling);
                return;
            }
        }
    }

    /** The time this JVM's JIT compilers have spent so far. */
    private static long compiling() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static final LoadRobots.Window NO_WINDOW = new LoadRobots.Window() {
        @Override
        public void opened() {
        }

        @Override
        public void closed() {
        }
    };

    private LoadRobots.Plan plan(List<Robot> robots, Duration warmUp, Duration duration, int maxTurns,
                                 Duration pause) {
        return new LoadRobots.Plan(base, form, keyed, warmUp, duration, maxTurns, pause, robots.stream()
                .map(robot -> new LoadRobots.Robot(robot.token(), robot.session())).toList());
    }

    /** Robots of their own sessions, driven for a while at the robots' pace; what they measured. */
    private LoadRobots.Measured robotsFor(int concurrent, Duration duration) throws Exception {
        List<Robot> robots = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            robots.add(newRobot(duration.plusHours(1)));
        }
        return LoadRobots.drive(plan(robots, Duration.ZERO, duration, 0, PAUSE), NO_WINDOW);
    }

    /**
     * What the server, PostgreSQL and the server's collector did while the robots' window was open: taken as the
     * robots' JVM says it opens and closes (their warm-up before it is not counted).
     */
    private final class MeasuredWindow implements LoadRobots.Window {
        private final GcPauses gc = GcPauses.listening();
        String loadAtOpen;
        String loadAtClose;
        long openedNanos;
        CpuTime cpu;
        DatabaseTraffic traffic;
        AuditHeads auditHeads;
        GcPauses.Summary pauses;
        List<GcPauses.Span> pauseSpans;
        List<ServerTurnTimes.Served> served;

        @Override
        public void opened() {
            loadAtOpen = uptime();
            openedNanos = System.nanoTime();
            turnTimes.since(openedNanos);
            cpu = CpuTime.now(databasePort());
            traffic = DatabaseTraffic.now(server.getBean(JdbcClient.class), databasePort());
            auditHeads = AuditHeads.now();
            gc.mark();
        }

        @Override
        public void closed() {
            pauses = gc.since();
            pauseSpans = gc.spans();
            cpu = CpuTime.now(databasePort()).minus(cpu);
            traffic = DatabaseTraffic.now(server.getBean(JdbcClient.class), databasePort()).minus(traffic);
            auditHeads = AuditHeads.now().minus(auditHeads);
            served = turnTimes.since(openedNanos);
            writeTimeline(served, openedNanos);
            loadAtClose = uptime();
        }
    }

    private void overhead(int concurrent, Duration warmUp, Duration duration) throws Exception {
        List<Robot> robots = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            robots.add(newRobot());
        }
        settle(robots);
        MeasuredWindow window = new MeasuredWindow();
        LoadRobots.Measured measured = LoadRobots.drive(plan(robots, warmUp, duration, 0, PAUSE), window);
        if (window.cpu == null || window.traffic == null || measured.turns().isEmpty()) {
            throw new IllegalStateException("no measured window: " + measured.errors());
        }
        Map<String, Map<Stage, Double>> stages = stagesOf(measured.turns().stream().map(LoadRobots.Turn::id).toList());
        List<Double> overhead = new ArrayList<>();
        List<Double> total = measured.millis();
        for (LoadRobots.Turn turn : measured.turns()) {
            overhead.add(turn.millis() - stages.get(turn.id()).values().stream().mapToDouble(Double::doubleValue)
                    .sum());
        }
        int turns = total.size();
        System.out.printf("%n%d robots (%s), %d turns begun in the %d s window after %d s of warm-up (%.1f turns/s), "
                        + "load %s -> %s%n", concurrent, form + (keyed || form.equals("streamed") ? "" : ", no key"),
                turns, duration.toSeconds(), warmUp.toSeconds(), turns / (double) duration.toSeconds(),
                window.loadAtOpen, window.loadAtClose);
        System.out.printf("  cold start     each robot's first turn p50 %7.1f ms  max %7.1f ms; %d more warm-up "
                        + "turns p50 %.1f ms  p99 %.1f ms%n", percentile(measured.coldMillis(), 50),
                max(measured.coldMillis()), measured.warmMillis().size(), percentile(measured.warmMillis(), 50),
                percentile(measured.warmMillis(), 99));
        System.out.printf("  turn time      p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%s%n", percentile(total, 50),
                percentile(total, 99), max(total), form.equals("streamed") ? " (from end to the answer in hand)" : "");
        if (!measured.errors().isEmpty()) { // e.g. a kept-alive connection the server closed as it was reused
            System.out.printf("  failed         %d turns, the first: %s%n", measured.errors().size(),
                    measured.errors().getFirst());
        }
        System.out.printf("  model time     p50 %7.1f ms%n", percentile(stages.values().stream().map(byStage ->
                byStage.values().stream().mapToDouble(Double::doubleValue).sum()).toList(), 50));
        System.out.printf("  orchestration  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", percentile(overhead, 50),
                percentile(overhead, 99), max(overhead));
        printServersView(measured, window.served, window.pauseSpans);
        System.out.printf("  CPU a turn     %7.1f ms in the server's JVM (%.1f ms in its request threads, %.1f ms "
                        + "compiling, %.1f ms collecting), %.1f ms in PostgreSQL, %.1f ms in the robots' JVM%n",
                window.cpu.jvmMillis() / turns, window.cpu.requestMillis() / turns,
                window.cpu.compilerMillis() / turns, window.cpu.collectorMillis() / turns,
                window.cpu.databaseMillis() / turns, measured.cpuMillis() / turns);
        System.out.printf("  GC pauses      server's JVM %s; robots' JVM %s (it allocated %.0f KB a turn)%n",
                window.pauses, measured.gc(), measured.allocatedBytes() / 1024.0 / turns);
        System.out.printf("  database a turn %.1f transactions committed, %.1f TCP segments PostgreSQL received (a round "
                + "trip is one or more)%n", window.traffic.commits() / turns, window.traffic.messages() / turns);
        System.out.printf("  audit trail    %.0f %% of the units' first appends found the chain's head where the instance "
                        + "left it (one round trip; %.0f moved, %.0f unknown: two)%n",
                100 * window.auditHeads.assumed() / Math.max(1, window.auditHeads.all()), window.auditHeads.moved(),
                window.auditHeads.unknown());
        if (window.cpu.memoryMonitorMillis() > 0) { // a kernel thread: it takes a core, and slows the other, in bursts
            System.out.printf("  machine        the kernel's memory monitor (kdamond) ran %.0f ms of the window%n",
                    window.cpu.memoryMonitorMillis());
        }
        printStages(stages.values());
    }

    /**
     * Tomcat's time of each turn request begun in the window (first byte read to answer written), and, paired by
     * the key, the robot's time less the server's: what the wire and the robots' JVM add.
     */
    private void printServersView(LoadRobots.Measured measured, List<ServerTurnTimes.Served> served,
                                  List<GcPauses.Span> pauses) {
        if (form.equals("streamed")) {
            System.out.println("  server's view  none for streamed turns (WebSocket messages pass no access log)");
            return;
        }
        List<Double> inServer = served.stream().map(ServerTurnTimes.Served::millis).toList();
        if (inServer.isEmpty()) {
            System.out.println("  server's view  no turn request logged in the window");
            return;
        }
        System.out.printf("  server's view  %d turn requests in the window p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms "
                        + "(Tomcat: first byte read to answer written)%n", inServer.size(), percentile(inServer, 50),
                percentile(inServer, 99), max(inServer));
        printPausedTail(served, pauses);
        Map<String, Double> byKey = new java.util.HashMap<>();
        served.stream().filter(turn -> turn.key() != null).forEach(turn -> byKey.put(turn.key(), turn.millis()));
        List<Double> outside = measured.turns().stream().filter(turn -> byKey.containsKey(turn.key()))
                .map(turn -> turn.millis() - byKey.get(turn.key())).toList();
        if (!outside.isEmpty()) {
            System.out.printf("  robot - server p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms over %d turns paired by key "
                            + "(the wire and the robots' JVM)%n", percentile(outside, 50), percentile(outside, 99),
                    max(outside), outside.size());
        }
    }

    /**
     * How much of the tail a collector pause explains: of the slowest 1 % of the turn requests (at least one), how
     * many a pause of the server's JVM stopped for a while, and what they took without the pauses.
     */
    private static void printPausedTail(List<ServerTurnTimes.Served> served, List<GcPauses.Span> pauses) {
        List<ServerTurnTimes.Served> slowest = served.stream()
                .sorted(java.util.Comparator.comparingDouble(ServerTurnTimes.Served::millis).reversed())
                .limit(Math.max(1, served.size() / 100)).toList();
        int paused = 0;
        List<Double> withoutPauses = new ArrayList<>();
        for (ServerTurnTimes.Served turn : slowest) {
            long end = turn.startNanos() + (long) (turn.millis() * 1e6);
            long stopped = pauses.stream().filter(pause -> pause.overlaps(turn.startNanos(), end))
                    .mapToLong(pause -> Math.min(end, pause.endNanos()) - Math.max(turn.startNanos(),
                            pause.startNanos())).sum();
            paused += stopped > 0 ? 1 : 0;
            withoutPauses.add(turn.millis() - stopped / 1e6);
        }
        System.out.printf("  slowest 1 %%    %d turn requests from %.1f ms: %d stopped by a collector pause; without "
                        + "their pauses p50 %.1f ms  max %.1f ms%n", slowest.size(), slowest.getLast().millis(), paused,
                percentile(withoutPauses, 50), max(withoutPauses));
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The server's count of units' first audit appends by where they found the chain's head (same JVM). */
    private record AuditHeads(double assumed, double moved, double unknown) {
        static AuditHeads now() {
            return new AuditHeads(count("assumed"), count("moved"), count("unknown"));
        }

        private static double count(String found) {
            var counter = io.micrometer.core.instrument.Metrics.globalRegistry.find("eecs.audit.heads")
                    .tag("found", found).counter();
            return counter == null ? 0 : counter.count();
        }

        AuditHeads minus(AuditHeads before) {
            return new AuditHeads(assumed - before.assumed, moved - before.moved, unknown - before.unknown);
        }

        double all() {
            return assumed + moved + unknown;
        }
    }

    /**
     * The database's work in units, not time: transactions committed (PostgreSQL's statistics, flushed within a
     * second or so; the two queries reading them count themselves) and the TCP segments its server sockets on the
     * port received ({@code ss}'s {@code data_segs_in}). A round trip is one segment or more: the driver may flush a
     * statement's messages in two (an strace of the backends in issue 7h read a Sync arriving on its own), so this
     * counts the traffic, not the round trips, which the code path tells (docs/benchmarks.md).
     */
    private record DatabaseTraffic(double commits, double messages) {
        static DatabaseTraffic now(JdbcClient jdbc, String databasePort) {
            long commits = jdbc.sql("select xact_commit from pg_stat_database where datname = current_database()")
                    .query(Long.class).single();
            long messages = 0;
            try {
                Process ss = new ProcessBuilder("ss", "-tinH", "state", "established", "( sport = :" + databasePort
                        + " )").redirectErrorStream(true).start();
                for (String field : new String(ss.getInputStream().readAllBytes()).split("\\s+")) {
                    if (field.startsWith("data_segs_in:")) {
                        messages += Long.parseLong(field.substring("data_segs_in:".length()));
                    }
                }
            } catch (IOException | RuntimeException noSs) {
                messages = -1;
            }
            return new DatabaseTraffic(commits, messages);
        }

        DatabaseTraffic minus(DatabaseTraffic before) {
            return new DatabaseTraffic(commits - before.commits - 1, messages - before.messages);
        }
    }

    /**
     * CPU time spent, which (unlike latency) hardly depends on what else the machine runs: this JVM's, that of its
     * request threads alone (Tomcat's {@code http-nio-*}: the turn's own path, without the compiler, the collector and
     * the other background threads), that of its JIT compiler's and its collector's threads (what the window's turns
     * share with the JVM's own work), and that of the embedded PostgreSQL (its postmaster, found by its port, and
     * the backends under it), from /proc.
     */
    private record CpuTime(double jvmMillis, double requestMillis, double compilerMillis, double collectorMillis,
                           double databaseMillis, double memoryMonitorMillis) {
        static CpuTime now(String databasePort) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            double database = ProcessHandle.allProcesses()
                    .filter(process -> commandLine(process.pid()).matches(".*/postgres .*-p " + databasePort + "\\b.*"))
                    .flatMap(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                            postmaster.descendants()))
                    .mapToDouble(process -> ticks(process.pid())).sum() * 10; // USER_HZ is 100 on Linux
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            double requests = java.util.Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                    .filter(info -> info != null && info.getThreadName().startsWith("http-nio"))
                    .mapToLong(info -> Math.max(0, threads.getThreadCpuTime(info.getThreadId()))).sum() / 1e6;
            return new CpuTime(os.getProcessCpuTime() / 1e6, requests,
                    threadTicks(name -> name.contains("CompilerThre")) * 10,
                    threadTicks(name -> name.startsWith("GC Thread") || name.startsWith("G1 ")) * 10, database,
                    ProcessHandle.allProcesses().filter(process -> comm(process.pid()).startsWith("kdamond"))
                            .mapToDouble(process -> ticks(process.pid())).sum() * 10);
        }

        private static String comm(long pid) {
            try {
                return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            } catch (IOException | RuntimeException gone) {
                return "";
            }
        }

        /** utime + stime of this JVM's threads whose native name (/proc's comm, 15 characters) matches. */
        private static double threadTicks(java.util.function.Predicate<String> named) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                return tasks.filter(task -> {
                    try {
                        return named.test(Files.readString(task.resolve("comm")).strip());
                    } catch (IOException | RuntimeException gone) {
                        return false;
                    }
                }).mapToDouble(task -> ticks(task.resolve("stat"))).sum();
            } catch (IOException e) {
                return 0;
            }
        }

        private static String commandLine(long pid) {
            try {
                return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            } catch (IOException | RuntimeException gone) {
                return "";
            }
        }

        CpuTime minus(CpuTime before) {
            return new CpuTime(jvmMillis - before.jvmMillis, requestMillis - before.requestMillis,
                    compilerMillis - before.compilerMillis, collectorMillis - before.collectorMillis,
                    databaseMillis - before.databaseMillis, memoryMonitorMillis - before.memoryMonitorMillis);
        }

        /** utime + stime of a process; 0 once it is gone. */
        private static double ticks(long pid) {
            return ticks(Path.of("/proc/" + pid + "/stat"));
        }

        /** utime + stime from a process's or a thread's stat file; 0 once it is gone. */
        private static double ticks(Path statFile) {
            try {
                String stat = Files.readString(statFile);
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }
    }

    private Robot newRobot() {
        return newRobot(Duration.ofHours(1));
    }

    /**
     * One robot with its own running session, and its patient's consent to audio, video and emotion analysis; its
     * token lasts this long.
     */
    private Robot newRobot(Duration tokenLifetime) {
        String robot = "robot-load-" + suffix();
        call("POST", "/api/v1/robots", admin, """
                {"id": "%s", "name": "Load robot", "model": "humanoid-h1", "profileReference": "profiles/h1.yaml"}"""
                .formatted(robot));
        String patient = call("POST", "/api/v1/patients", clinician, """
                {"alias": "Load %s", "birthYear": 1950, "gender": "UNDISCLOSED", "preferredLanguage": "en"}"""
                .formatted(suffix())).get("id").asString();
        call("POST", "/api/v1/patients/" + patient + "/consents", clinician,
                "{\"scopes\": [\"AUDIO_CAPTURE\", \"VIDEO_CAPTURE\", \"EMOTION_ANALYSIS\"]}");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String session = call("POST", "/api/v1/sessions", clinician, """
                {"patientId": "%s", "robotId": "%s", "start": "%s", "end": "%s", "careGoal": "load", "emotionInput": true}"""
                .formatted(patient, robot, now.minusSeconds(60), now.plus(Duration.ofHours(3)))).get("id").asString();
        call("POST", "/api/v1/sessions/" + session + "/start", clinician, null);
        return new Robot(TestIssuer.robot(robot, tokenLifetime), session);
    }

    /** A robot's token and its running session. */
    private record Robot(String token, String session) {
    }

    // ---------------------------------------------------------------- the streamed turn with the embedded models

    private void streamed(int turns) throws Exception {
        Robot robot = newRobot();
        byte[] pcm = new WavDecoder().decode(wav).toPcm16LittleEndian();
        List<Double> endToPlan = new ArrayList<>();
        List<Double> notAsr = new ArrayList<>();
        Map<String, Double> measured = new ConcurrentHashMap<>();
        BackendMessages listener = new BackendMessages();
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + robot.token())
                .buildAsync(URI.create(base.replace("http", "ws") + "/api/v1/robot/sessions/" + robot.session
                        + "/turn-stream"), listener).join();
        int warmUps = 2;
        for (int i = 0; i < turns + warmUps; i++) {
            Instant start = Instant.now();
            socket.sendText("{\"type\": \"start\", \"key\": \"" + UUID.randomUUID() + "\", \"startedAt\": \""
                    + start + "\"}", true).join();
            listener.next(Duration.ofMinutes(2));
            int piece = 3200; // 100 ms
            long t0 = System.nanoTime();
            int frames = 0;
            for (int offset = 0, n = 0; offset < pcm.length; offset += piece, n++) {
                sleepUntil(t0 + n * 100_000_000L);
                socket.sendBinary(ByteBuffer.allocate(1 + Math.min(piece, pcm.length - offset)).put((byte) 1)
                        .put(pcm, offset, Math.min(piece, pcm.length - offset)).flip(), true).join();
                long due = (long) frames * pcm.length / 2 * 1_000_000_000L / 16_000 / FRAMES;
                if (frames < FRAMES && System.nanoTime() - t0 >= due) {
                    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                    socket.sendBinary(ByteBuffer.allocate(9 + frame.length).put((byte) 2).putLong(micros).put(frame)
                            .flip(), true).join();
                    frames++;
                }
            }
            long ended = System.nanoTime();
            socket.sendText("{\"type\": \"end\", \"endedAt\": \"" + Instant.now() + "\"}", true).join();
            JsonNode answer = JSON.readTree(listener.next(Duration.ofMinutes(2)));
            double millis = (System.nanoTime() - ended) / 1e6;
            if (!"answer".equals(answer.get("type").asString())) {
                throw new IllegalStateException("no answer: " + answer);
            }
            if (i >= warmUps) {
                measured.put(answer.get("turnId").asString(), millis);
            }
            Thread.sleep(1000);
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        Map<String, Map<Stage, Double>> stages = stagesOf(measured.keySet());
        measured.forEach((turn, millis) -> {
            endToPlan.add(millis);
            notAsr.add(millis - stages.get(turn).getOrDefault(Stage.SPEECH_RECOGNITION, 0.0));
        });
        System.out.printf("%nstreamed turns with the embedded models: %d (after %d warm-up), %.1f s utterance, %d frames%n",
                turns, warmUps, pcm.length / 2 / 16_000.0, FRAMES);
        System.out.printf("  end of speech -> plan   p50 %7.1f ms  (min %.1f, max %.1f)%n", percentile(endToPlan, 50),
                Collections.min(endToPlan), Collections.max(endToPlan));
        System.out.printf("  of which not ASR        p50 %7.1f ms%n", percentile(notAsr, 50));
        printStages(stages.values());
    }

    /**
     * With {@code -Dload.timeline=FILE}: each turn request of the window, a line each (its start in ms from the
     * window's opening, its time in the server, the request thread), after a line with the window's opening on the
     * wall clock. To lay the slow turns beside what else ran then (a JFR recording, {@code perf sched}).
     */
    private static void writeTimeline(List<ServerTurnTimes.Served> served, long openedNanos) {
        String file = System.getProperty("load.timeline");
        if (file == null) {
            return;
        }
        StringBuilder lines = new StringBuilder("# window opened at "
                + Instant.now().minusNanos(System.nanoTime() - openedNanos) + "\n");
        for (ServerTurnTimes.Served turn : served) {
            lines.append((turn.startNanos() - openedNanos) / 1e6).append('\t').append(turn.millis()).append('\t')
                    .append(turn.thread()).append('\n');
        }
        try {
            Files.writeString(Path.of(file), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("the timeline could not be written to " + file, e);
        }
    }

    // ---------------------------------------------------------------- the server, its stand-ins, the records

    private static ConfigurableApplicationContext start(boolean standIns, boolean speechStandIn,
                                                        ServerTurnTimes turnTimes) {
        TestDatabase.Server database = TestDatabase.server();
        SpringApplicationBuilder application = new SpringApplicationBuilder(EecsApplication.class);
        application.initializers(context -> turnTimes.register((GenericApplicationContext) context));
        if (standIns) {
            application.initializers(context -> StandIns.register((GenericApplicationContext) context));
        }
        if (speechStandIn) {
            application.initializers(context -> StandIns.rememberSpeech((GenericApplicationContext) context));
        }
        // as arguments: they override application.yaml, which default properties would not
        return application.run("--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.maximum-pool-size=20",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.issuerUri(),
                "--logging.level.root=WARN");
    }

    /** Recognition that takes no time: the orchestration around it is what is measured. */
    private static final class StandIns {
        static final ModelRef MODEL = new ModelRef("stand-in", "1");

        static void register(GenericApplicationContext context) {
            context.registerBean("faceStandIn", RecognizeFacialExpression.class, StandIns::faces,
                    definition -> definition.setPrimary(true));
            context.registerBean("speechStandIn", TranscribeSpeech.class, StandIns::speech,
                    definition -> definition.setPrimary(true));
            context.registerBean("textCueStandIn", RecognizeTextCues.class,
                    () -> (transcript, window) -> Optional.of(observed(Modality.SPEECH_TEXT, CareState.classNames(),
                            new double[] {0.7, 0.1, 0.05, 0.05, 0.05, 0.03, 0.02}, window)),
                    definition -> definition.setPrimary(true));
            context.registerBean("crisisStandIn", RecognizeCrisis.class, () -> transcript -> Optional.empty(),
                    definition -> definition.setPrimary(true));
        }

        /**
         * The speech of each answer synthesised by the embedded FreeTTS once, then returned again at once: real audio
         * of the answer's length (the answer's size, the face animated from it and the plan's JSON are as before),
         * without FreeTTS's CPU on the cores the orchestration is measured on (about 40 % of the server's JVM's at
         * 64 robots), as the recognisers' stand-ins keep theirs off. A deployment with a served TTS has it elsewhere.
         */
        static void rememberSpeech(GenericApplicationContext context) {
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof SynthesizeSpeech engine)) {
                        return bean;
                    }
                    Map<String, Speech> said = new ConcurrentHashMap<>();
                    return (SynthesizeSpeech) (text, tone) -> said.computeIfAbsent(tone + " " + text,
                            key -> engine.synthesize(text, tone));
                }
            });
        }

        static EmotionObservation observed(Modality modality, List<String> classes, double[] p, TimeWindow window) {
            return new EmotionObservation(modality, EmotionDistribution.of(classes, p), 0.8, MODEL, window);
        }

        static FaceReading sad(List<VideoClip.Frame> frames) {
            Instant first = frames.isEmpty() ? Instant.now() : frames.getFirst().capturedAt();
            Instant last = frames.isEmpty() ? first : frames.getLast().capturedAt();
            return new FaceReading.Expression(observed(Modality.FACE, List.of("angry", "disgust", "fear", "happy",
                    "sad", "surprise", "neutral"), new double[] {0.02, 0.02, 0.1, 0.01, 0.7, 0.05, 0.1},
                    new TimeWindow(first, last)), List.of());
        }

        static RecognizeFacialExpression faces() {
            return new RecognizeFacialExpression() {
                @Override
                public FaceReading recognize(VideoClip clip) {
                    return sad(clip.frames());
                }

                @Override
                public Watching watch() {
                    List<VideoClip.Frame> seen = new ArrayList<>();
                    return new Watching() {
                        @Override
                        public void see(VideoClip.Frame frame) {
                            seen.add(frame);
                        }

                        @Override
                        public FaceReading finish() {
                            return sad(seen);
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
        }

        static TranscribeSpeech speech() {
            TranscribeSpeech.Transcript heard = new TranscribeSpeech.Transcript(
                    "I feel overwhelmed and I don't know what to do about tomorrow.", MODEL, Duration.ofSeconds(3));
            return new TranscribeSpeech() {
                @Override
                public Transcript transcribe(SpeechAudio audio, java.util.Locale language) {
                    return heard;
                }

                @Override
                public Listening listen(java.util.Locale language) {
                    return new Listening() {
                        @Override
                        public void hear(byte[] pcm) {
                        }

                        @Override
                        public Transcript finish() {
                            return heard;
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
        }
    }

    /** Each turn's recorded stage times, in milliseconds. */
    private Map<String, Map<Stage, Double>> stagesOf(java.util.Collection<String> turns) {
        JdbcClient jdbc = server.getBean(JdbcClient.class);
        Map<String, Map<Stage, Double>> stages = new ConcurrentHashMap<>();
        for (String turn : turns) {
            Map<Stage, Double> byStage = new EnumMap<>(Stage.class);
            jdbc.sql("select stage, micros from turn_stage_latency where turn_id = ?::uuid").param(turn)
                    .query((row, n) -> byStage.put(Stage.valueOf(row.getString("stage")), row.getLong("micros") / 1e3))
                    .list();
            stages.put(turn, byStage);
        }
        return stages;
    }

    private static void printStages(java.util.Collection<Map<Stage, Double>> turns) {
        System.out.println("  stage                 p50 ms    p99 ms");
        for (Stage stage : MODEL_STAGES) {
            List<Double> times = turns.stream().map(byStage -> byStage.get(stage)).filter(java.util.Objects::nonNull)
                    .toList();
            if (!times.isEmpty()) {
                System.out.printf("  %-20s %7.1f   %7.1f%n", stage, percentile(times, 50), percentile(times, 99));
            }
        }
    }

    private JsonNode call(String method, String path, String token, String json) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String databasePort() {
        return server.getEnvironment().getProperty("spring.datasource.url", "").replaceAll(".*://[^:/]+:(\\d+).*", "$1");
    }

    static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static byte[] resource(String name) {
        try (var in = CareTurnLoad.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real speech from espeak-ng (Debian package espeak-ng), as the speech tests use it. */
    private static byte[] espeak(String text) {
        return org.eecs.adapter.out.speech.SpeechSamples.espeak(text);
    }
}
