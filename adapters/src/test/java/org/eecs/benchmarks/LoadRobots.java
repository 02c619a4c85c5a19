package org.eecs.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
 * ({@link TurnAnswers}). The posted turns go over plain sockets, one thread and one kept-alive connection a robot
 * ({@link HttpConnection}), so that what the robots spend and add to a turn is as little as a load generator's.
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

    /**
     * A robot's own HTTP/1.1 connection, kept alive turn after turn, as a load generator's (wrk's) are: a plain
     * blocking socket written and read by the robot's own thread, so that a turn costs the robots' JVM little more
     * than the system calls. The request is prepared before the robot's clock starts, in a buffer of its own (its
     * line and the headers that do not change, then the length, the key and the body's start); it goes out with the
     * body's unchanging rest in one gathering write. The answer is read with the robot's own buffer
     * ({@link TurnAnswers.OverHttp}). A connection the server closes (as it says, or broken) is opened again at the
     * next turn, as a client's pool would.
     */
    static final class HttpConnection implements AutoCloseable {
        private final InetSocketAddress server;
        /** the request line and the headers that are the same every turn */
        private final byte[] fixedHead;
        private final ByteBuffer rest;
        private final ByteBuffer[] writes;
        private final TurnAnswers.OverHttp answers = new TurnAnswers.OverHttp();
        private ByteBuffer request = ByteBuffer.allocateDirect(16 * 1024);
        private SocketChannel channel;

        /**
         * @param rest the body's unchanging rest, sent after the start put in {@link #request} (null: none)
         */
        HttpConnection(String base, String path, String token, String contentType, ByteBuffer rest) {
            URI uri = URI.create(base);
            this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
            this.fixedHead = ("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            this.rest = rest;
            this.writes = rest == null ? new ByteBuffer[1] : new ByteBuffer[2];
        }

        /**
         * Begins the next request: its headers with this key ("-": none) and length; the caller puts the body's
         * first {@code start} bytes (all but the rest given at construction) into the buffer returned.
         */
        ByteBuffer request(String key, int contentLength, int start) {
            int needed = fixedHead.length + 128 + start;
            if (request.capacity() < needed) {
                request = ByteBuffer.allocateDirect(needed);
            }
            request.clear().put(fixedHead);
            ascii("Content-Length: ").ascii(Integer.toString(contentLength));
            if (!key.equals("-")) {
                ascii("\r\nIdempotency-Key: ").ascii(key);
            }
            ascii("\r\n\r\n");
            return request;
        }

        private HttpConnection ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                request.put((byte) text.charAt(i));
            }
            return this;
        }

        /** Sends the prepared request (connecting first if the last connection was closed) and reads its answer. */
        TurnAnswers.Answer exchange() throws IOException {
            try {
                if (channel == null) {
                    channel = SocketChannel.open(server);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                writes[0] = request.flip();
                if (rest != null) {
                    writes[1] = rest.clear();
                }
                while (writes[writes.length - 1].hasRemaining() || request.hasRemaining()) {
                    channel.write(writes);
                }
                TurnAnswers.Answer answer = answers.read(channel);
                if (answers.closes()) {
                    close();
                }
                return answer;
            } catch (IOException broken) {
                close();
                throw broken;
            }
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException alreadyGone) {
                    // nothing to keep
                }
                channel = null;
                answers.reset();
            }
        }
    }

    /** What a robot keeps between its turns: its HTTP connection, or its turn stream if it streams. */
    private static final class Connection {
        HttpConnection http;
        WebSocket socket;
        TurnAnswers.OnStream said;
        /** one frame message (kind, capture time, JPEG) reused turn after turn */
        byte[] frameMessage;
    }

    private static final class Driving implements AutoCloseable {
        private final Plan plan;
        /** the streamed turns' WebSockets' client (the posted turns have sockets of their own) */
        private final HttpClient http;
        private final byte[] wav = org.eecs.adapter.out.speech.SpeechSamples.espeak(
                "I feel overwhelmed and don't know what to do."); // about 3 s
        private final byte[] frame;
        private final TurnBody body;
        /** the streamed utterance's audio messages (kind and 100 ms of PCM), built once */
        private final List<ByteBuffer> pieces = new ArrayList<>();

        Driving(Plan plan) throws IOException {
            this.plan = plan;
            this.http = plan.form().equals("streamed")
                    ? HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build() : null;
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
                        if (connection.http != null) {
                            connection.http.close();
                        }
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
        Turn postMultipart(Robot robot, Connection connection) throws IOException {
            Instant start = Instant.now().minusSeconds(3);
            StringBuilder utterance = new StringBuilder(1024).append("{\"startedAt\": \"").append(start)
                    .append("\", \"endedAt\": \"").append(start.plusSeconds(3)).append("\", \"frameCapturedAt\": [");
            for (int i = 0; i < FRAMES; i++) {
                utterance.append(i == 0 ? "\"" : ", \"").append(start.plusMillis(190L * i)).append('"');
            }
            byte[] json = utterance.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            if (connection.http == null) {
                connection.http = new HttpConnection(plan.base(), path(robot, "/turns"), robot.token(),
                        body.contentType(), body.rest());
            }
            String key = key();
            body.putStart(connection.http.request(key, body.length(json), body.startLength(json)), json);
            return post(connection.http, key);
        }

        /** Posts one text turn. */
        Turn postWords(Robot robot, Connection connection) throws IOException {
            Instant start = Instant.now().minusSeconds(3);
            byte[] json = ("{\"text\": \"I feel overwhelmed.\", \"startedAt\": \"" + start + "\", \"endedAt\": \""
                    + start.plusSeconds(3) + "\"}").getBytes(StandardCharsets.UTF_8);
            if (connection.http == null) {
                connection.http = new HttpConnection(plan.base(), path(robot, "/text-turns"), robot.token(),
                        "application/json", null);
            }
            String key = key();
            connection.http.request(key, json.length, json.length).put(json);
            return post(connection.http, key);
        }

        private static String path(Robot robot, String turns) {
            return "/api/v1/robot/sessions/" + robot.session() + turns;
        }

        private String key() {
            return plan.keyed() ? UUID.randomUUID().toString() : "-";
        }

        /** Sends the prepared request and reads its answer: the robot's time runs from sending to the last byte in. */
        private static Turn post(HttpConnection http, String key) throws IOException {
            long sent = System.nanoTime();
            TurnAnswers.Answer answer = http.exchange();
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
            if (http != null) {
                http.shutdownNow();
            }
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
