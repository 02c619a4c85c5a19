package org.eecs.robot.turn;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eecs.robot.TestWebSocket;
import org.eecs.robot.plan.PerformancePlan;
import org.eecs.robot.plan.TestPlans;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The backend's robot API as small as a test of the agent over the wire needs (docs/robot-protocol.md), on one
 * port: a token endpoint, the robot's session, the multipart turn with its {@code Idempotency-Key}, and the turn
 * stream over a WebSocket ({@code start}/{@code started}, audio and frames, {@code end}/{@code answer}). A key is
 * answered once and replayed after (the turn taken once). It can go away (every connection cut, the port closed,
 * as a backend that stopped or a network that dropped) and come back on the same port, and lose an answer.
 */
final class TestBackend implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Each turn taken, by key: its answer, sent again to every retry. */
    final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    /** Every turn request that reached the backend: "POST key" or "WS key". */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The next turn is taken, and its answer lost: the connection is cut before it goes out. */
    final AtomicBoolean loseNextAnswer = new AtomicBoolean();
    private final String sessionId;
    private final PerformancePlan plan;
    private final int port;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    TestBackend(String sessionId, PerformancePlan plan) throws IOException {
        this.sessionId = sessionId;
        this.plan = plan;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        listen(server);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The backend stops (or the network drops): every connection cut, new ones refused. */
    void goAway() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }

    /** The backend is back, on the same port, with what it had recorded. */
    void comeBack() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server = again;
        listen(again);
    }

    @Override
    public void close() throws IOException {
        goAway();
    }

    private void listen(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("test-backend").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.add(connection);
                    Thread.ofPlatform().daemon().name("test-backend-connection").start(() -> serve(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            String head;
            while ((head = TestWebSocket.readHead(in)) != null) {
                String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
                String method = requestLine[0];
                String path = requestLine[1];
                if ("websocket".equalsIgnoreCase(TestWebSocket.header(head, "Upgrade"))) {
                    TestWebSocket.accept(out, head);
                    stream(new DataInputStream(in), out);
                    return;
                }
                String length = TestWebSocket.header(head, "Content-Length");
                byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
                if (method.equals("POST") && path.equals("/token")) {
                    respond(out, 200, "{\"access_token\": \"robot-token\", \"expires_in\": 300}");
                } else if (method.equals("GET") && path.equals("/api/v1/robot/sessions")) {
                    respond(out, 200, "{\"current\": {\"id\": \"" + sessionId + "\", \"state\": \"IN_PROGRESS\", "
                            + "\"start\": \"2026-11-25T09:00:00Z\", \"end\": \"2099-11-25T10:00:00Z\", "
                            + "\"audioConsent\": true}, \"next\": null}");
                } else if (method.equals("POST") && path.equals("/api/v1/robot/sessions/" + sessionId + "/turns")
                        && body.length > 0) {
                    String key = TestWebSocket.header(head, "Idempotency-Key");
                    requests.add("POST " + key);
                    byte[] answer = answer(key, null);
                    if (answer == null) {
                        return; // lost on the way
                    }
                    respond(out, 200, new String(answer, StandardCharsets.UTF_8));
                } else {
                    respond(out, 404, "{\"type\": \"urn:eecs:problem:not-found\", \"status\": 404}");
                }
            }
        } catch (IOException ended) {
            // the robot went away, or the backend did
        }
    }

    /** The turn stream: one turn after another, as the backend's TurnStream answers them. */
    private void stream(DataInputStream in, OutputStream out) throws IOException {
        String key = null;
        while (true) {
            TestWebSocket.Frame frame = TestWebSocket.read(in);
            if (frame.opcode() == TestWebSocket.CLOSE) {
                TestWebSocket.write(out, TestWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});
                return;
            }
            if (frame.opcode() != TestWebSocket.TEXT) {
                continue; // audio and frames: heard
            }
            JsonNode said = JSON.readTree(frame.payload());
            switch (said.path("type").asString("")) {
                case "start" -> {
                    key = said.path("key").asString();
                    requests.add("WS " + key);
                    TestWebSocket.write(out, TestWebSocket.TEXT,
                            ("{\"type\": \"started\", \"key\": \"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
                }
                case "end" -> {
                    byte[] answer = answer(key, key);
                    if (answer == null) {
                        return; // lost on the way
                    }
                    TestWebSocket.write(out, TestWebSocket.TEXT, answer);
                }
                default -> {
                    // abandon: nothing recorded
                }
            }
        }
    }

    /** The turn's answer: taken now, or replayed; null when it is to be lost (taken all the same). */
    private byte[] answer(String key, String streamedKey) {
        byte[] answer = answers.computeIfAbsent(key, k -> {
            ObjectNode json = JSON.createObjectNode();
            if (streamedKey != null) {
                json.put("type", "answer").put("key", streamedKey);
            }
            json.put("turnId", "turn-" + (answers.size() + 1)).set("plan", TestPlans.wire(plan));
            return JSON.writeValueAsBytes(json);
        });
        return loseNextAnswer.getAndSet(false) ? null : answer;
    }

    private static void respond(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
