package org.eecs.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eecs.perception.audio.WavDecoder;

/**
 * The simulated robots of {@link CareTurnLoad}, in a JVM of their own, so that the CPU the server spends on a turn
 * is measured apart from what the robots spend building their requests and reading the answers (on a real ward
 * they are other machines). The server's JVM writes a plan (the server's address, the kind of turn, the warm-up and
 * the measured window, and one robot's token and running session a line), tells this class's JVM (started at the
 * first plan and kept for the next, so that its code is compiled) the plan's file on a line, and reads what it
 * prints, a line each: {@code cold <ms>} each robot's first turn, {@code warm <ms>} the other turns begun in the
 * warm-up, {@code open} when the measured window opens, {@code turn <id> <ms> <key>} each turn begun in the window,
 * {@code error <what>} a refused one, then {@code closed <cpu ms> <bytes> <gc pauses>}: this JVM's CPU time, its
 * allocation and its collector's pauses (count, sum, longest) from the window's opening until its last turn's
 * answer, and last {@code done}.
 *
 * <p>The same robots, on the same connections, run through the warm-up and the window, so the window holds no
 * start-up (new connections, a robot's first request, the JIT at the measured concurrency). A robot's timer holds
 * only what a turn costs on the wire: its request is ready before it starts (the WAV and frames built once, see
 * {@link TurnBody}), and it stops when the answer's last byte is in; the answer is not parsed beyond its turn id
 * ({@link TurnAnswers}).
 */
final class LoadRobots {

    private static final int FRAMES = 16;
    /** a streamed turn's audio piece: 100 ms of 16 kHz 16-bit mono */
    private static final int PIECE = 3200;
    private static final long ANSWER_WITHIN_MILLIS = 120_000;

    /**
     * The robots' JVM: a small heap, and a collector whose pauses stay short for what these robots allocate, chosen
     * by measurement (docs/benchmarks.md); settable with {@code -Dload.robots.jvm="..."} on the driver's JVM.
     */
    static final String ROBOTS_JVM = System.getProperty("load.robots.jvm", "-Xmx256m -Xmn64m -XX:+UseSerialGC");

    /**
     * @param form     {@code multipart} (a WAV and 16 frames posted), {@code text} (words posted) or {@code streamed}
     *                 (audio in real time and frames over the session's WebSocket, then {@code end})
     * @param warmUp   how long the robots take turns before the measured window opens
     * @param duration the measured window: turns begun in it are measured
     * @param maxTurns each robot's most turns (0: no limit)
     * @param pause    a robot's pause between an answer and its next turn: the robot performing and the patient
     *                 answering (each pause drawn within a second of it, the first at random up to it)
     */
    record Plan(String base, String form, boolean keyed, Duration warmUp, Duration duration, int maxTurns,
                Duration pause, List<Robot> robots) {
    }

    record Robot(String token, String session) {
    }

    /** One measured turn: its id, its time as the robot saw it, the key it was sent with (or "-"). */
    record Turn(String id, double millis, String key) {
    }

    /**
     * What the robots measured: the turns begun in the window, each robot's first turn and the other turns of the
     * warm-up, the refusals, the robots' CPU, allocation (all threads, live or ended) and collector pauses over the
     * window.
     */
    record Measured(List<Turn> turns, List<Double> coldMillis, List<Double> warmMillis, List<String> errors,
                    double cpuMillis, long allocatedBytes, GcPauses.Summary gc) {

        /** The measured turns' times as the robots saw them. */
        List<Double> millis() {
            return turns.stream().map(Turn::millis).toList();
        }
    }

    /** Told as the robots' measured window opens and closes (from the reading thread). */
    interface Window {
        void opened();

        void closed();
    }

    private LoadRobots() {
    }

    // ---------------------------------------------------------------- the server's side: start the robots, read them

    /** The robots' JVM, started at the first plan and kept for the next (its JIT stays warm), and its pipes. */
    private static Process robotsJvm;
    private static BufferedReader fromRobots;
    private static java.io.Writer toRobots;

    /**
     * Runs the plan's robots in the robots' JVM (started at the first plan with this one's runtime and class path,
     * then kept, so that its own code is compiled when later plans are measured) and waits for them.
     */
    static synchronized Measured drive(Plan plan, Window window) throws IOException, InterruptedException {
        Path file = Files.createTempFile("load-robots", ".txt");
        List<String> lines = new ArrayList<>(List.of(plan.base(), plan.form(), Boolean.toString(plan.keyed()),
                Long.toString(plan.warmUp().toMillis()), Long.toString(plan.duration().toMillis()),
                Integer.toString(plan.maxTurns()), Long.toString(plan.pause().toMillis())));
        plan.robots().forEach(robot -> lines.add(robot.token() + " " + robot.session()));
        Files.write(file, lines);
        if (robotsJvm == null) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(Arrays.asList(ROBOTS_JVM.trim().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadRobots.class.getName()));
            robotsJvm = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            fromRobots = new BufferedReader(new InputStreamReader(robotsJvm.getInputStream(), StandardCharsets.UTF_8));
            toRobots = new java.io.OutputStreamWriter(robotsJvm.getOutputStream(), StandardCharsets.UTF_8);
        }
        toRobots.write(file + "\n");
        toRobots.flush();
        List<Turn> turns = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        double cpu = 0;
        long allocated = 0;
        GcPauses.Summary gc = new GcPauses.Summary(0, 0, 0);
        for (String line; !"done".equals(line = fromRobots.readLine()); ) {
            if (line == null) {
                throw new IllegalStateException("the robots' JVM failed (exit " + robotsJvm.waitFor() + ")");
            }
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "cold" -> cold.add(Double.parseDouble(words[1]));
                case "warm" -> warm.add(Double.parseDouble(words[1]));
                case "open" -> window.opened();
                case "turn" -> {
                    String[] measured = line.split(" ");
                    turns.add(new Turn(measured[1], Double.parseDouble(measured[2]), measured[3]));
                }
                case "error" -> errors.add(line.substring("error ".length()));
                case "closed" -> {
                    window.closed();
                    String[] spent = line.split(" ", 4);
                    cpu = Double.parseDouble(spent[1]);
                    allocated = Long.parseLong(spent[2]);
                    gc = GcPauses.Summary.parse(spent[3]);
                }
                default -> System.out.println("  robots: " + line);
            }
        }
        Files.delete(file);
        return new Measured(turns, cold, warm, errors, cpu, allocated, gc);
    }

    /** Ends the robots' JVM, if one runs. */
    static synchronized void stop() throws IOException, InterruptedException {
        if (robotsJvm != null) {
            toRobots.close();
            robotsJvm.waitFor();
            robotsJvm = null;
        }
    }

    // ---------------------------------------------------------------- the robots' side

    /** Runs each plan named on a line of the standard input, one after the other, then says {@code done}. */
    public static void main(String[] args) throws Exception {
        BufferedReader told = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String file; (file = told.readLine()) != null; ) {
            List<String> lines = Files.readAllLines(Path.of(file));
            List<Robot> robots = lines.subList(7, lines.size()).stream()
                    .map(line -> new Robot(line.split(" ")[0], line.split(" ")[1])).toList();
            Plan plan = new Plan(lines.get(0), lines.get(1), Boolean.parseBoolean(lines.get(2)),
                    Duration.ofMillis(Long.parseLong(lines.get(3))), Duration.ofMillis(Long.parseLong(lines.get(4))),
                    Integer.parseInt(lines.get(5)), Duration.ofMillis(Long.parseLong(lines.get(6))), robots);
            try (Driving driving = new Driving(plan)) {
                driving.run();
            }
            Driving.say("done");
        }
        System.exit(0);
    }

    /** A robot's way of taking one turn; the answer's turn id and the robot's time of it. */
    private interface Turns {
        Turn take(Robot robot, Connection connection) throws IOException, InterruptedException;
    }

    /** What a robot keeps between its turns: its turn stream, if it streams. */
    private static final class Connection {
        WebSocket socket;
        TurnAnswers.OnStream said;
        /** one frame message (kind, capture time, JPEG) reused turn after turn */
        byte[] frameMessage;
    }

    private static final class Driving implements AutoCloseable {
        private final Plan plan;
        private final HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();
        private final byte[] wav = org.eecs.adapter.out.speech.SpeechSamples.espeak(
                "I feel overwhelmed and don't know what to do."); // about 3 s
        private final byte[] frame;
        private final TurnBody body;
        /** the streamed utterance's audio messages (kind and 100 ms of PCM), built once */
        private final List<ByteBuffer> pieces = new ArrayList<>();

        Driving(Plan plan) throws IOException {
            this.plan = plan;
            try (var in = LoadRobots.class.getResourceAsStream("/faces/sample3-middle.jpg")) {
                this.frame = in.readAllBytes();
            }
            this.body = new TurnBody(wav, frame, FRAMES);
            byte[] pcm = new WavDecoder().decode(wav).toPcm16LittleEndian();
            for (int offset = 0; offset < pcm.length; offset += PIECE) {
                int length = Math.min(PIECE, pcm.length - offset);
                pieces.add(ByteBuffer.allocate(1 + length).put((byte) 1).put(pcm, offset, length).flip()
                        .asReadOnlyBuffer());
            }
        }

        void run() throws InterruptedException {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            GcPauses gc = GcPauses.listening();
            long started = System.nanoTime();
            long windowOpens = started + plan.warmUp().toNanos();
            long windowCloses = windowOpens + plan.duration().toNanos();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] cpuAtOpen = new long[1];
            long[] allocatedAtOpen = new long[1];
            Thread opener = Thread.ofPlatform().start(() -> {
                try {
                    sleepUntil(windowOpens);
                } catch (InterruptedException stopped) {
                    return;
                }
                gc.mark();
                cpuAtOpen[0] = os.getProcessCpuTime();
                allocatedAtOpen[0] = threads.getTotalThreadAllocatedBytes();
                say("open");
            });
            Turns turns = switch (plan.form()) {
                case "text" -> this::postWords;
                case "streamed" -> this::stream;
                default -> this::postMultipart;
            };
            ExecutorService pool = Executors.newFixedThreadPool(plan.robots().size());
            long pause = plan.pause().toMillis();
            for (Robot robot : plan.robots()) {
                pool.submit(() -> {
                    Connection connection = new Connection();
                    try {
                        if (pause > 0) {
                            Thread.sleep(ThreadLocalRandom.current().nextLong(pause));
                        }
                        for (int taken = 0; plan.maxTurns() == 0 || taken < plan.maxTurns(); taken++) {
                            long begun = System.nanoTime();
                            if (begun - windowCloses >= 0) {
                                break;
                            }
                            try {
                                Turn turn = turns.take(robot, connection);
                                say(taken == 0 ? "cold " + turn.millis()
                                        : begun - windowOpens < 0 ? "warm " + turn.millis()
                                        : "turn " + turn.id() + " " + turn.millis() + " " + turn.key());
                            } catch (IOException | RuntimeException refused) {
                                say("error " + String.valueOf(refused.getMessage()).replace('\n', ' '));
                                if (connection.socket != null) { // a broken stream: the next turn opens a new one
                                    connection.socket.abort();
                                    connection.socket = null;
                                }
                            }
                            if (pause > 0) {
                                Thread.sleep(Math.max(0, pause + ThreadLocalRandom.current().nextLong(-1000, 1000)));
                            }
                        }
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    } finally {
                        if (connection.socket != null) {
                            connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(plan.warmUp().toSeconds() + plan.duration().toSeconds() + 300, TimeUnit.SECONDS);
            opener.join();
            say("closed " + (os.getProcessCpuTime() - cpuAtOpen[0]) / 1e6 + " "
                    + (threads.getTotalThreadAllocatedBytes() - allocatedAtOpen[0]) + " " + gc.since().words());
        }

        /** Posts one multipart turn: the utterance's JSON is the only part made a turn. */
        Turn postMultipart(Robot robot, Connection unused) throws IOException, InterruptedException {
            Instant start = Instant.now().minusSeconds(3);
            StringBuilder utterance = new StringBuilder(1024).append("{\"startedAt\": \"").append(start)
                    .append("\", \"endedAt\": \"").append(start.plusSeconds(3)).append("\", \"frameCapturedAt\": [");
            for (int i = 0; i < FRAMES; i++) {
                utterance.append(i == 0 ? "\"" : ", \"").append(start.plusMillis(190L * i)).append('"');
            }
            return post(robot, "/turns", body.contentType(), body.with(utterance.append("]}").toString()));
        }

        /** Posts one text turn. */
        Turn postWords(Robot robot, Connection unused) throws IOException, InterruptedException {
            Instant start = Instant.now().minusSeconds(3);
            return post(robot, "/text-turns", "application/json", HttpRequest.BodyPublishers.ofString(
                    "{\"text\": \"I feel overwhelmed.\", \"startedAt\": \"" + start + "\", \"endedAt\": \""
                            + start.plusSeconds(3) + "\"}"));
        }

        private Turn post(Robot robot, String path, String contentType, HttpRequest.BodyPublisher content)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plan.base() + "/api/v1/robot/sessions/"
                            + robot.session() + path)).header("Authorization", "Bearer " + robot.token())
                    .header("Content-Type", contentType).POST(content);
            String key = plan.keyed() ? UUID.randomUUID().toString() : "-";
            if (plan.keyed()) {
                request.header("Idempotency-Key", key);
            }
            HttpRequest ready = request.build();
            long sent = System.nanoTime();
            TurnAnswers.Answer answer = http.send(ready, TurnAnswers.overHttp()).body();
            if (answer.status() != 200 || answer.turnId() == null) {
                throw new IllegalStateException("turn refused: " + answer.status() + " " + answer.problem());
            }
            return new Turn(answer.turnId(), (answer.lastByteNanos() - sent) / 1e6, key);
        }

        /**
         * Streams one turn over the session's WebSocket as the robot agent does: {@code start}, the audio in 100 ms
         * pieces in real time with the 16 frames spread over it, then {@code end}; the robot's time runs from
         * {@code end} to the answer's last piece in hand.
         */
        Turn stream(Robot robot, Connection connection) throws IOException, InterruptedException {
            if (connection.socket == null) {
                connection.said = new TurnAnswers.OnStream();
                connection.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + robot.token())
                        .buildAsync(URI.create(plan.base().replace("http", "ws") + "/api/v1/robot/sessions/"
                                + robot.session() + "/turn-stream"), connection.said).join();
                connection.frameMessage = ByteBuffer.allocate(1 + Long.BYTES + frame.length).put((byte) 2)
                        .putLong(0).put(frame).array();
            }
            WebSocket socket = connection.socket;
            String key = UUID.randomUUID().toString();
            socket.sendText("{\"type\": \"start\", \"key\": \"" + key + "\", \"startedAt\": \"" + Instant.now()
                    + "\"}", true).join();
            expect(connection.said, "started", key);
            long t0 = System.nanoTime();
            int frames = 0;
            long utteranceNanos = pieces.size() * 100_000_000L;
            for (int n = 0; n < pieces.size(); n++) {
                sleepUntil(t0 + n * 100_000_000L);
                socket.sendBinary(pieces.get(n).duplicate(), true).join();
                if (frames < FRAMES && System.nanoTime() - t0 >= frames * utteranceNanos / FRAMES) {
                    ByteBuffer message = ByteBuffer.wrap(connection.frameMessage);
                    message.putLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
                    socket.sendBinary(message, true).join();
                    frames++;
                }
            }
            sleepUntil(t0 + utteranceNanos); // the last piece's 100 ms are spoken before the robot's VAD ends
            long ended = System.nanoTime();
            socket.sendText("{\"type\": \"end\", \"endedAt\": \"" + Instant.now() + "\"}", true).join();
            TurnAnswers.Said answer = expect(connection.said, "answer", key);
            return new Turn(answer.turnId(), (answer.lastPieceNanos() - ended) / 1e6, key);
        }

        /** Its client's connections and threads go; the compiled code stays for the next plan. */
        @Override
        public void close() {
            http.shutdownNow();
        }

        private static TurnAnswers.Said expect(TurnAnswers.OnStream said, String type, String key)
                throws InterruptedException {
            TurnAnswers.Said message = said.next(ANSWER_WITHIN_MILLIS);
            if (message == null) {
                throw new IllegalStateException("no " + type + " for turn " + key + " within "
                        + ANSWER_WITHIN_MILLIS + " ms");
            }
            if (!type.equals(message.type())) {
                throw new IllegalStateException("turn " + key + ": " + type + " expected, the backend said "
                        + message.beginning());
            }
            return message;
        }

        static synchronized void say(String line) {
            System.out.println(line);
            System.out.flush();
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
