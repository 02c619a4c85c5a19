package org.eecs.robot.backend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import org.eecs.perception.audio.PcmAudio;
import org.eecs.robot.capture.CameraFrame;
import org.eecs.robot.capture.CaptureClock;
import org.eecs.robot.plan.PlanReader;
import org.eecs.robot.plan.UnreadablePlan;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend's robot API over the wire (docs/robot-protocol.md): the robot's sessions over HTTP; turns streamed
 * over the session's WebSocket while the patient speaks, or posted whole as a multipart form; barge-in.
 *
 * <p>Every call carries the robot's token; a 401 renews it once. A turn keeps its idempotency key through every
 * retry, and in the form it was first sent: the backend answers a key once, to the same kind of request, so a
 * streamed turn whose connection broke is streamed again (and a turn it had answered is answered again, not taken
 * twice). Problems become what they mean to the robot: the session over ({@link TurnOutcome.SessionOver}), worth
 * another try ({@link BackendUnreachable}, with the backend's {@code Retry-After}), a turn never to be taken
 * ({@link TurnOutcome.Refused}), or a robot the backend refuses ({@link BackendRefused}).
 */
public final class RobotApiClient implements CareBackend, AutoCloseable {

    /**
     * @param backend        e.g. {@code http://127.0.0.1:8080}
     * @param streamTurns    stream turns over the WebSocket (else post them whole)
     * @param requestTimeout for every call but a turn's answer, and for sending on the stream
     * @param answerWithin   how long a turn's answer may take (recognition, reasoning, speech synthesis)
     */
    public record Settings(URI backend, boolean streamTurns, Duration requestTimeout, Duration answerWithin) {

        public static Settings defaults(URI backend) {
            return new Settings(backend, true, Duration.ofSeconds(10), Duration.ofMinutes(2));
        }
    }

    private static final Logger LOG = Logger.getLogger(RobotApiClient.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SESSIONS = "/api/v1/robot/sessions";
    private static final byte AUDIO = 0x01;
    private static final byte FRAME = 0x02;
    /** A turn streamed again goes out a second of audio at a time. */
    private static final int PIECE = PcmAudio.RATE;

    private final HttpClient http;
    /**
     * The turn stream's own client: a WebSocket's upgrade then always goes out on a new connection, never on one
     * kept from the calls over HTTP (in the loaded end-to-end test an upgrade sent on a kept connection, through the
     * test's proxy, was answered 101 by the backend and never heard by the robot).
     */
    private final HttpClient streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AccessTokens tokens;
    private final CaptureClock clock;
    private final Settings settings;
    private final PlanReader plans = new PlanReader();
    /** After the turn stream failed to open, turns are posted whole for a while before it is tried again. */
    private final Backoff streamBackoff = new Backoff(Duration.ofSeconds(1));
    private volatile long streamAgainAt;
    private volatile boolean streamResting;
    private TurnConnection connection; // guarded by this

    public RobotApiClient(HttpClient http, AccessTokens tokens, CaptureClock clock, Settings settings) {
        this.http = http;
        this.tokens = tokens;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Sessions mySessions() {
        HttpResponse<byte[]> response = send(request(SESSIONS).GET(), "asking for this robot's sessions");
        if (response.statusCode() != 200) {
            throw unexpected(problem(response), "asking for this robot's sessions");
        }
        JsonNode body = json(response.body());
        return new Sessions(session(body.path("current")), session(body.path("next")));
    }

    @Override
    public TurnOutcome takeTurn(String sessionId, Utterance utterance) {
        if (utterance.streamed() && settings.streamTurns()) {
            return streamWhole(sessionId, utterance);
        }
        TurnForm form = TurnForm.of(utterance, clock);
        HttpResponse<byte[]> response = send(request(SESSIONS + "/" + sessionId + "/turns")
                .timeout(settings.answerWithin()).header("Content-Type", form.contentType())
                .header("Idempotency-Key", utterance.key().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())), "posting turn " + utterance.key());
        return response.statusCode() == 200 ? answered(json(response.body())) : problem(response).forTurn();
    }

    @Override
    public boolean streamsTurns() {
        return settings.streamTurns() && (!streamResting || System.nanoTime() - streamAgainAt >= 0);
    }

    @Override
    public TurnStream openTurn(String sessionId, UUID key, Instant startedAt) {
        TurnConnection stream;
        try {
            stream = connectionTo(sessionId);
        } catch (UpgradeRefused refused) {
            return new Stream(null, key, startedAt, refused.problem.forTurn());
        }
        stream.send(JSON.createObjectNode().put("type", "start").put("key", key.toString())
                .put("startedAt", startedAt.toString()));
        JsonNode reply = reply(stream, key, "started", settings.requestTimeout());
        return new Stream(stream, key, startedAt, reply.path("type").asString().equals("started") ? null
                : ApiProblem.of(reply.path("problem"), 0, null).forTurn());
    }

    @Override
    public boolean offersBargeIn() {
        return true;
    }

    @Override
    public void reportBargeIn(String sessionId, String turnId, Duration heardAfter) {
        HttpResponse<byte[]> response = send(request(SESSIONS + "/" + sessionId + "/turns/" + turnId + "/barge-in")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"heardAfterMs\": " + heardAfter.toMillis() + "}")),
                "reporting a barge-in");
        if (response.statusCode() / 100 != 2) {
            ApiProblem problem = problem(response);
            if (problem.status() >= 500 || problem.status() == 401 || problem.status() == 403) {
                throw unexpected(problem, "reporting a barge-in");
            }
            LOG.warning(() -> "the backend did not record the barge-in on turn " + turnId + ": " + problem);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    /** A turn that broke off while streamed: the same key, the same audio and frames, on a new connection. */
    private TurnOutcome streamWhole(String sessionId, Utterance utterance) {
        TurnStream stream = openTurn(sessionId, utterance.key(), utterance.startedAt());
        float[] samples = utterance.audio().samples();
        for (int at = 0; at < samples.length; at += PIECE) {
            stream.audio(Arrays.copyOfRange(samples, at, Math.min(samples.length, at + PIECE)));
        }
        utterance.frames().forEach(stream::frame);
        return stream.end(samples.length);
    }

    /** A turn on the session's connection; {@code decided}: the backend already refused it, and said why. */
    private final class Stream implements TurnStream {

        private final TurnConnection connection;
        private final UUID key;
        private final Instant startedAt;
        private final TurnOutcome decided;

        Stream(TurnConnection connection, UUID key, Instant startedAt, TurnOutcome decided) {
            this.connection = connection;
            this.key = key;
            this.startedAt = startedAt;
            this.decided = decided;
        }

        @Override
        public void audio(float[] samples) {
            if (decided == null) {
                byte[] pcm = PcmAudio.of16kHz(samples).toPcm16LittleEndian();
                connection.send(ByteBuffer.allocate(1 + pcm.length).put(AUDIO).put(pcm).flip());
            }
        }

        @Override
        public void frame(CameraFrame frame) {
            if (decided == null) {
                long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instantOf(frame.capturedAtUs()));
                connection.send(ByteBuffer.allocate(1 + Long.BYTES + frame.image().length).put(FRAME).putLong(micros)
                        .put(frame.image()).flip());
            }
        }

        @Override
        public TurnOutcome end(long samples) {
            if (decided != null) {
                return decided;
            }
            Instant endedAt = startedAt.plusNanos(samples * 1_000_000_000L / PcmAudio.RATE);
            connection.send(JSON.createObjectNode().put("type", "end").put("endedAt", endedAt.toString()));
            JsonNode reply = reply(connection, key, "answer", settings.answerWithin());
            return reply.path("type").asString().equals("answer") ? answered(reply)
                    : ApiProblem.of(reply.path("problem"), 0, null).forTurn();
        }

        @Override
        public void abandon() {
            if (decided == null) {
                try {
                    connection.send(JSON.createObjectNode().put("type", "abandon"));
                } catch (BackendUnreachable lost) {
                    // the backend abandons a turn whose connection closed anyway
                }
            }
        }
    }

    /**
     * The backend's reply to the turn {@code key}: a message of type {@code expected} with that key, or a problem
     * for it (or for no turn in particular). Messages about other turns (a late answer to one given up on) are
     * passed over.
     */
    private static JsonNode reply(TurnConnection connection, UUID key, String expected, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                JsonNode message = connection.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (message == null) {
                    throw new BackendUnreachable("the backend did not answer turn " + key + " on its stream within "
                            + within.toSeconds() + " s");
                }
                String type = message.path("type").asString("");
                String about = message.path("key").isString() ? message.path("key").asString() : null;
                if (type.equals("problem") && (about == null || about.equals(key.toString()))
                        || type.equals(expected) && key.toString().equals(about)) {
                    return message;
                }
                LOG.fine(() -> "passed over on the turn stream: " + type + " for " + about);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnreachable("interrupted while waiting for the backend on the turn stream", e);
        }
    }

    private TurnOutcome answered(JsonNode answer) {
        String turnId = answer.path("turnId").asString("");
        try {
            return new TurnOutcome.Answered(turnId, plans.read(answer.get("plan")));
        } catch (UnreadablePlan e) {
            return new TurnOutcome.Refused("turn " + turnId + " was answered with a plan this robot cannot perform: "
                    + e.getMessage());
        }
    }

    /** The connection to the session's turn stream: the open one, or a new one. */
    private synchronized TurnConnection connectionTo(String sessionId) {
        if (connection != null && connection.sessionId().equals(sessionId) && connection.isOpen()) {
            return connection;
        }
        close();
        URI uri = URI.create(settings.backend().resolve(SESSIONS + "/" + sessionId + "/turn-stream").toString()
                .replaceFirst("^http", "ws"));
        try {
            try {
                connection = connect(uri, sessionId, tokens.current());
            } catch (UpgradeRefused refused) {
                if (refused.problem.status() != 401) {
                    throw refused;
                }
                LOG.info("the backend refused the robot's token on the turn stream; renewing it once");
                connection = connect(uri, sessionId, tokens.renew());
            }
        } catch (BackendUnreachable unreachable) {
            Duration pause = streamBackoff.failed(unreachable.retryAfter().orElse(null));
            streamAgainAt = System.nanoTime() + pause.toNanos();
            streamResting = true;
            LOG.warning(() -> "the turn stream cannot be opened (" + unreachable.getMessage() + "); turns are posted "
                    + "whole for " + pause.toMillis() + " ms, then the stream is tried again");
            throw unreachable;
        }
        streamBackoff.succeeded();
        if (streamResting) {
            streamResting = false;
            LOG.info(() -> "the turn stream of session " + sessionId + " is open again");
        }
        return connection;
    }

    private TurnConnection connect(URI uri, String sessionId, String token) {
        try {
            return TurnConnection.open(streams, uri, sessionId, token, settings.requestTimeout());
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof WebSocketHandshakeException refused) {
                HttpResponse<?> response = refused.getResponse();
                Object body = response.body();
                JsonNode problem = json(body instanceof byte[] bytes ? bytes
                        : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : new byte[0]);
                throw new UpgradeRefused(ApiProblem.of(problem, response.statusCode(), retryAfter(response)));
            }
            throw new BackendUnreachable("the backend's turn stream at " + uri + " cannot be reached: "
                    + message(failed.getCause()), failed.getCause());
        }
    }

    /** The backend refused to open the turn stream, with this problem. */
    private static final class UpgradeRefused extends RuntimeException {

        private final transient ApiProblem problem;

        UpgradeRefused(ApiProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(settings.backend().resolve(path)).timeout(settings.requestTimeout())
                .header("Accept", "application/json");
    }

    /** Sends with the robot's token; a 401 renews the token and sends once more. */
    private HttpResponse<byte[]> send(HttpRequest.Builder request, String what) {
        HttpResponse<byte[]> response = attempt(request, tokens.current(), what);
        if (response.statusCode() == 401) {
            LOG.info(() -> "the backend refused the robot's token while " + what + "; renewing it once");
            response = attempt(request, tokens.renew(), what);
            if (response.statusCode() == 401) {
                throw problem(response).refused();
            }
        }
        return response;
    }

    private HttpResponse<byte[]> attempt(HttpRequest.Builder request, String token, String what) {
        try {
            return http.send(request.setHeader("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new BackendUnreachable("the backend at " + settings.backend() + " cannot be reached while " + what
                    + ": " + message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnreachable("interrupted while " + what, e);
        }
    }

    private static RuntimeException unexpected(ApiProblem problem, String what) {
        if (problem.status() >= 500) {
            return problem.unreachable();
        }
        if (problem.status() == 401 || problem.status() == 403) {
            return problem.refused();
        }
        return new BackendRefused("the backend answered " + problem + " while " + what
                + ": does this agent speak the backend's version of the robot protocol?");
    }

    private static ApiProblem problem(HttpResponse<byte[]> response) {
        return ApiProblem.of(json(response.body()), response.statusCode(), retryAfter(response));
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").filter(s -> s.strip().matches("\\d{1,6}"))
                .map(s -> Duration.ofSeconds(Long.parseLong(s.strip()))).orElse(null);
    }

    private static Optional<Sessions.Session> session(JsonNode session) {
        if (!session.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Sessions.Session(session.path("id").asString(), session.path("state").asString(),
                Instant.parse(session.path("start").asString()), Instant.parse(session.path("end").asString()),
                session.path("audioConsent").asBoolean(true))); // absent from a backend that predates it
    }

    private static JsonNode json(byte[] body) {
        try {
            return body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
