package org.eecs.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eecs.testing.Multipart;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated robots of {@link CareTurnLoad}, in a JVM of their own, so that the CPU the server spends on a turn
 * is measured apart from what the robots spend building their requests and reading the answers (on a real ward
 * they are other machines). The server's JVM writes a plan (the server's address, the kind of turn, how long, and
 * one robot's token and running session a line), starts this class on it, and reads what it prints: one line
 * {@code turn <id> <ms>} a turn, {@code error <what>} a refused one, and last {@code cpu <ms>}, this JVM's CPU time
 * while it drove turns.
 */
final class LoadRobots {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FRAMES = 16;

    /**
     * @param maxTurns each robot's most turns (0: no limit)
     * @param pause    a robot's pause between an answer and its next turn: the robot performing and the patient
     *                 answering (each pause drawn within a second of it, the first at random up to it)
     */
    record Plan(String base, String form, boolean keyed, Duration duration, int maxTurns, Duration pause,
                List<Robot> robots) {
    }

    record Robot(String token, String session) {
    }

    /** What the robots measured: each turn's time as the robot saw it, the refusals, and the robots' CPU. */
    record Measured(Map<String, Double> turnMillis, List<String> errors, double cpuMillis) {
    }

    private LoadRobots() {
    }

    // ---------------------------------------------------------------- the server's side: start the robots, read them

    /** Runs the plan's robots in a new JVM (this one's runtime and class path) and waits for them. */
    static Measured drive(Plan plan) throws IOException, InterruptedException {
        Path file = Files.createTempFile("load-robots", ".txt");
        List<String> lines = new ArrayList<>(List.of(plan.base(), plan.form(), Boolean.toString(plan.keyed()),
                Long.toString(plan.duration().toMillis()), Integer.toString(plan.maxTurns()),
                Long.toString(plan.pause().toMillis())));
        plan.robots().forEach(robot -> lines.add(robot.token() + " " + robot.session()));
        Files.write(file, lines);
        Process robots = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), LoadRobots.class.getName(),
                file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> turns = new ConcurrentHashMap<>();
        List<String> errors = new ArrayList<>();
        double cpu = 0;
        try (BufferedReader said = new BufferedReader(new InputStreamReader(robots.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = said.readLine()) != null; ) {
                String[] words = line.split(" ", 3);
                switch (words[0]) {
                    case "turn" -> turns.put(words[1], Double.parseDouble(words[2]));
                    case "error" -> errors.add(line.substring("error ".length()));
                    case "cpu" -> cpu = Double.parseDouble(words[1]);
                    default -> System.out.println("  robots: " + line);
                }
            }
        }
        if (robots.waitFor() != 0) {
            throw new IllegalStateException("the robots' JVM failed (exit " + robots.exitValue() + ")");
        }
        Files.delete(file);
        return new Measured(turns, errors, cpu);
    }

    // ---------------------------------------------------------------- the robots' side

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<Robot> robots = lines.subList(6, lines.size()).stream()
                .map(line -> new Robot(line.split(" ")[0], line.split(" ")[1])).toList();
        Plan plan = new Plan(lines.get(0), lines.get(1), Boolean.parseBoolean(lines.get(2)),
                Duration.ofMillis(Long.parseLong(lines.get(3))), Integer.parseInt(lines.get(4)),
                Duration.ofMillis(Long.parseLong(lines.get(5))), robots);
        new Driving(plan).run();
        System.exit(0);
    }

    private static final class Driving {
        private final Plan plan;
        private final HttpClient http = HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();
        private final byte[] wav = org.eecs.adapter.out.speech.SpeechSamples.espeak(
                "I feel overwhelmed and don't know what to do."); // about 3 s
        private final byte[] frame;

        Driving(Plan plan) throws IOException {
            this.plan = plan;
            try (var in = LoadRobots.class.getResourceAsStream("/faces/sample3-middle.jpg")) {
                this.frame = in.readAllBytes();
            }
        }

        void run() throws InterruptedException {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            Instant end = Instant.now().plus(plan.duration());
            ExecutorService pool = Executors.newFixedThreadPool(plan.robots().size());
            long pause = plan.pause().toMillis();
            for (Robot robot : plan.robots()) {
                pool.submit(() -> {
                    try {
                        if (pause > 0) {
                            Thread.sleep(ThreadLocalRandom.current().nextLong(pause));
                        }
                        for (int taken = 0; Instant.now().isBefore(end)
                                && (plan.maxTurns() == 0 || taken < plan.maxTurns()); taken++) {
                            long start = System.nanoTime();
                            try {
                                String turn = turn(robot);
                                say("turn " + turn + " " + (System.nanoTime() - start) / 1e6);
                            } catch (IOException | RuntimeException refused) {
                                say("error " + refused.getMessage());
                            }
                            if (pause > 0) {
                                Thread.sleep(Math.max(0, pause + ThreadLocalRandom.current().nextLong(-1000, 1000)));
                            }
                        }
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(plan.duration().toSeconds() + 300, TimeUnit.SECONDS);
            say("cpu " + (os.getProcessCpuTime() - cpuBefore) / 1e6);
        }

        /** Posts one turn; returns its id. */
        String turn(Robot robot) throws IOException, InterruptedException {
            Instant start = Instant.now().minusSeconds(3);
            if (plan.form().equals("text")) {
                return post(robot, "/text-turns", "application/json", ("{\"text\": \"I feel overwhelmed.\", "
                        + "\"startedAt\": \"" + start + "\", \"endedAt\": \"" + start.plusSeconds(3) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            List<String> times = new ArrayList<>();
            for (int i = 0; i < FRAMES; i++) {
                times.add("\"" + start.plusMillis(190L * i) + "\"");
            }
            Multipart parts = new Multipart().part("utterance", "application/json",
                    "{\"startedAt\": \"%s\", \"endedAt\": \"%s\", \"frameCapturedAt\": %s}"
                            .formatted(start, start.plusSeconds(3), times))
                    .part("audio", "u.wav", "audio/wav", wav);
            for (int i = 0; i < FRAMES; i++) {
                parts.part("frame", "f" + i + ".jpg", "image/jpeg", frame);
            }
            return post(robot, "/turns", parts.contentType(), parts.bytes());
        }

        private String post(Robot robot, String path, String contentType, byte[] body)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plan.base() + "/api/v1/robot/sessions/"
                            + robot.session() + path)).header("Authorization", "Bearer " + robot.token())
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (plan.keyed()) {
                request.header("Idempotency-Key", UUID.randomUUID().toString());
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("turn refused: " + answer.statusCode() + " "
                        + answer.body().replace('\n', ' '));
            }
            return JSON.readTree(answer.body()).get("turnId").asString();
        }

        private static synchronized void say(String line) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
