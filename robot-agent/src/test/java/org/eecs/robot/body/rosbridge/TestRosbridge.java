package org.eecs.robot.body.rosbridge;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eecs.robot.TestWebSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rosbridge v2 server as small as a test needs: the WebSocket handshake and framing of RFC 6455 over a server
 * socket (the JDK has a WebSocket client but no server), every text message parsed and checked as it arrives by
 * the rules of the protocol ({@code op} known, publishing only on advertised topics with their type's fields), and
 * messages sent back to the client as the robot's side would.
 */
final class TestRosbridge implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<Consumer<JsonNode>> checks = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private volatile Socket client;
    private volatile int connections;
    private final Set<String> advertised = new HashSet<>();

    TestRosbridge() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("test-rosbridge").start(this::serve);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort());
    }

    int connections() {
        return connections;
    }

    JsonNode next() throws InterruptedException {
        JsonNode message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message from the agent within 5 s");
        }
        return message;
    }

    /** The next message published on {@code topic}, skipping others. */
    JsonNode nextOn(String topic) throws InterruptedException {
        while (true) {
            JsonNode message = next();
            if (message.path("op").asString("").equals("publish") && message.path("topic").asString("").equals(topic)) {
                return message;
            }
        }
    }

    /** Sends a rosbridge message to the agent, as the robot's side. */
    void send(String json) throws IOException {
        OutputStream out = client.getOutputStream();
        synchronized (this) {
            TestWebSocket.write(out, TestWebSocket.TEXT, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Cuts the connection, as a robot controller restarting would. */
    void drop() throws IOException {
        advertised.clear();
        client.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (client != null) {
            client.close();
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                client = socket;
                handshake(socket);
                connections++;
                Thread.ofPlatform().daemon().name("test-rosbridge-connection").start(() -> read(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void handshake(Socket socket) throws IOException {
        String head = TestWebSocket.readHead(socket.getInputStream());
        if (head == null) {
            throw new IOException("the client went away before the handshake");
        }
        TestWebSocket.accept(socket.getOutputStream(), head);
    }

    private void read(Socket socket) {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                TestWebSocket.Frame frame = TestWebSocket.read(in);
                boolean fin = frame.fin();
                int opcode = frame.opcode();
                byte[] payload = frame.payload();
                if (!frame.masked()) {
                    violations.add("a client frame that is not masked (RFC 6455 5.1)");
                }
                if (opcode == 8) {
                    return;
                }
                if (opcode == 1 || opcode == 0) {
                    message.write(payload);
                    if (fin) {
                        accept(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                } else if (opcode != 9 && opcode != 10) {
                    violations.add("unexpected frame opcode " + opcode);
                }
            }
        } catch (IOException e) {
            // the connection ended
        }
    }

    private void accept(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (RuntimeException e) {
            violations.add("not JSON: " + text);
            return;
        }
        check(message);
        checks.forEach(check -> check.accept(message));
        received.add(message);
    }

    /** The protocol's rules for what a client sends (rosbridge v2: advertise, subscribe, publish). */
    private void check(JsonNode message) {
        String op = message.path("op").asString("");
        String topic = message.path("topic").asString("");
        if (!topic.startsWith("/")) {
            violations.add(op + " without a topic name starting with /: " + message);
        }
        switch (op) {
            case "advertise", "subscribe" -> {
                if (!message.path("type").asString("").matches("[a-z_]+/[A-Za-z]+")) {
                    violations.add(op + " without a message type: " + message);
                }
                if (op.equals("advertise")) {
                    advertised.add(topic + " " + message.path("type").asString());
                }
            }
            case "publish" -> {
                JsonNode msg = message.path("msg");
                if (advertised.contains(topic + " trajectory_msgs/JointTrajectory")) {
                    checkTrajectory(msg);
                } else if (advertised.contains(topic + " sensor_msgs/JointState")) {
                    checkJointState(msg);
                } else {
                    violations.add("publish on a topic never advertised: " + message);
                }
            }
            default -> violations.add("unknown op: " + message);
        }
    }

    private void checkTrajectory(JsonNode msg) {
        stamp(msg.path("header").path("stamp"), "header.stamp");
        int joints = msg.path("joint_names").size();
        if (joints == 0) {
            violations.add("a trajectory without joint names: " + msg);
        }
        for (JsonNode point : msg.path("points")) {
            if (point.path("positions").size() != joints) {
                violations.add("a point with " + point.path("positions").size() + " positions for " + joints
                        + " joints");
            }
            for (JsonNode position : point.path("positions")) {
                if (!position.isNumber()) {
                    violations.add("a position that is not a number: " + position);
                }
            }
            stamp(point.path("time_from_start"), "time_from_start");
        }
    }

    private void checkJointState(JsonNode msg) {
        stamp(msg.path("header").path("stamp"), "header.stamp");
        if (msg.path("name").size() != msg.path("position").size()) {
            violations.add("a JointState with " + msg.path("name").size() + " names and "
                    + msg.path("position").size() + " positions");
        }
    }

    private void stamp(JsonNode time, String where) {
        if (!time.path("sec").isIntegralNumber() || !time.path("nanosec").isIntegralNumber()
                || time.path("nanosec").asLong() >= 1_000_000_000L) {
            violations.add(where + " is not a ROS 2 builtin_interfaces/Time: " + time);
        }
    }

    List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }
}
