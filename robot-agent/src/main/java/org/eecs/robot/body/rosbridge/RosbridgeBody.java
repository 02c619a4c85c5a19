package org.eecs.robot.body.rosbridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.FaceFrame;
import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.MotionRefused;
import org.eecs.robot.body.RobotBody;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.Speaker;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The robot's controller over the rosbridge v2 protocol (JSON over a WebSocket, e.g. {@code rosbridge_server} on
 * port 9090). On connecting it advertises and subscribes; each control cycle it publishes a
 * {@code trajectory_msgs/JointTrajectory} of one point, the pose due {@code lookAhead} from now with that
 * {@code time_from_start}, so the agent's clock stays the master and the controller interpolates in between; a halt
 * is an empty trajectory, which stops a ROS joint trajectory controller where it is. Face frames go out as a
 * {@code sensor_msgs/JointState} naming the blendshape channels. It listens to the joints' measured states, to the
 * emergency stop ({@code std_msgs/Bool}: true pressed, false released) and to a reset request
 * ({@code std_msgs/Empty}). When the connection drops, motion is refused and the driver reconnects.
 *
 * <p>Sound is played on the agent's own machine (the speaker given), not through ROS.
 */
public final class RosbridgeBody implements RobotBody {

    private static final Logger LOG = Logger.getLogger(RosbridgeBody.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TRAJECTORY_TYPE = "trajectory_msgs/JointTrajectory";
    static final String JOINT_STATE_TYPE = "sensor_msgs/JointState";

    /**
     * @param rosVersion 1 or 2: ROS 1 writes times as {@code secs}/{@code nsecs}, ROS 2 as {@code sec}/{@code nanosec}
     */
    public record Settings(URI url, String trajectoryTopic, String faceTopic, String jointStatesTopic,
                           String emergencyStopTopic, String resetTopic, Duration lookAhead, Duration reconnectEvery,
                           int rosVersion) {

        public static Settings defaults(URI url) {
            return new Settings(url, "/eecs/joint_trajectory", "/eecs/face", "/joint_states", "/emergency_stop",
                    "/eecs/emergency_stop_reset", Duration.ofMillis(20), Duration.ofSeconds(2), 2);
        }

        public Settings {
            if (rosVersion != 1 && rosVersion != 2) {
                throw new IllegalArgumentException("ROS version 1 or 2, got " + rosVersion);
            }
        }
    }

    private final Settings settings;
    private final RobotProfile profile;
    private final EmergencyStop emergencyStop;
    private final Speaker speaker;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rosbridge-reconnect").factory());
    private volatile WebSocket socket;
    private volatile double[] measured;
    private volatile boolean closed;

    public RosbridgeBody(Settings settings, RobotProfile profile, EmergencyStop emergencyStop, Speaker speaker) {
        this.settings = settings;
        this.profile = profile;
        this.emergencyStop = emergencyStop;
        this.speaker = speaker;
    }

    /** Connects now, waiting up to {@code timeout}; on failure keeps trying in the background. */
    public RosbridgeBody connect(Duration timeout) {
        try {
            open().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warning(() -> "rosbridge at " + settings.url() + " not reachable yet (" + e.getMessage()
                    + "); retrying every " + settings.reconnectEvery().toSeconds() + " s");
            scheduleReconnect();
        }
        return this;
    }

    private CompletableFuture<WebSocket> open() {
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(settings.url(), new Listener()).thenApply(ws -> {
                    socket = ws;
                    greet(ws);
                    LOG.info(() -> "connected to rosbridge at " + settings.url());
                    return ws;
                });
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        reconnects.schedule(() -> open().exceptionally(e -> {
            scheduleReconnect();
            return null;
        }), settings.reconnectEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void greet(WebSocket ws) {
        send(ws, op("advertise").put("topic", settings.trajectoryTopic()).put("type", TRAJECTORY_TYPE));
        send(ws, op("advertise").put("topic", settings.faceTopic()).put("type", JOINT_STATE_TYPE));
        send(ws, op("subscribe").put("topic", settings.jointStatesTopic()).put("type", JOINT_STATE_TYPE));
        send(ws, op("subscribe").put("topic", settings.emergencyStopTopic()).put("type", "std_msgs/Bool"));
        send(ws, op("subscribe").put("topic", settings.resetTopic()).put("type", "std_msgs/Empty"));
    }

    @Override
    public String describe() {
        return "rosbridge at " + settings.url();
    }

    @Override
    public Speaker speaker() {
        return speaker;
    }

    @Override
    public void showFace(FaceFrame frame) {
        WebSocket ws = socket;
        if (ws == null) {
            return; // a face frame missed is no danger; it is not queued
        }
        ObjectNode msg = JSON.createObjectNode();
        msg.set("header", header());
        ArrayNode names = msg.putArray("name");
        frame.channels().forEach(names::add);
        ArrayNode values = msg.putArray("position");
        for (float value : frame.values()) {
            values.add(Math.round(value * 1000) / 1000.0);
        }
        msg.putArray("velocity");
        msg.putArray("effort");
        send(ws, publish(settings.faceTopic(), msg));
    }

    @Override
    public void moveJoints(JointPose pose) {
        WebSocket ws = socket;
        if (ws == null) {
            throw new MotionRefused("not connected to the robot's controller at " + settings.url());
        }
        send(ws, publish(settings.trajectoryTopic(), trajectory(pose.positions())));
    }

    @Override
    public void halt() {
        WebSocket ws = socket;
        if (ws != null) {
            send(ws, publish(settings.trajectoryTopic(), trajectory(null)));
        }
    }

    @Override
    public long motionLeadUs() {
        return settings.lookAhead().toNanos() / 1000;
    }

    @Override
    public Optional<double[]> measuredJoints() {
        double[] joints = measured;
        return joints == null ? Optional.empty() : Optional.of(joints.clone());
    }

    @Override
    public boolean ready() {
        return socket != null;
    }

    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping");
        }
    }

    /** One point, {@code lookAhead} from now; no point at all (null) stops the controller where it is. */
    private ObjectNode trajectory(double[] positions) {
        ObjectNode msg = JSON.createObjectNode();
        msg.set("header", header());
        ArrayNode names = msg.putArray("joint_names");
        profile.jointNames().forEach(names::add);
        ArrayNode points = msg.putArray("points");
        if (positions != null) {
            ObjectNode point = points.addObject();
            ArrayNode values = point.putArray("positions");
            for (double position : positions) {
                values.add(position);
            }
            point.putArray("velocities");
            point.putArray("accelerations");
            point.putArray("effort");
            point.set("time_from_start", time(settings.lookAhead().toNanos()));
        }
        return msg;
    }

    /** A zero stamp: "now" to a trajectory controller. */
    private ObjectNode header() {
        ObjectNode header = JSON.createObjectNode();
        header.set("stamp", time(0));
        header.put("frame_id", "");
        if (settings.rosVersion() == 1) {
            header.put("seq", 0);
        }
        return header;
    }

    private ObjectNode time(long nanos) {
        ObjectNode time = JSON.createObjectNode();
        boolean ros1 = settings.rosVersion() == 1;
        time.put(ros1 ? "secs" : "sec", nanos / 1_000_000_000L);
        time.put(ros1 ? "nsecs" : "nanosec", nanos % 1_000_000_000L);
        return time;
    }

    private static ObjectNode op(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    private static ObjectNode publish(String topic, ObjectNode msg) {
        ObjectNode publish = op("publish").put("topic", topic);
        publish.set("msg", msg);
        return publish;
    }

    /** WebSocket sends must not overlap: one at a time, each waited for (a few hundred bytes, on a LAN). */
    private synchronized void send(WebSocket ws, ObjectNode message) {
        try {
            ws.sendText(JSON.writeValueAsString(message), true).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            connectionLost(ws, "sending failed: " + e.getMessage());
            if (message.path("topic").asString("").equals(settings.trajectoryTopic())
                    && message.path("op").asString("").equals("publish")) {
                throw new MotionRefused("the robot's controller did not take the trajectory: " + e.getMessage());
            }
        }
    }

    private void connectionLost(WebSocket ws, String why) {
        if (socket == ws && ws != null) {
            socket = null;
            measured = null;
            LOG.warning(() -> "rosbridge connection lost (" + why + "); reconnecting");
            ws.abort();
            scheduleReconnect();
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException e) {
            LOG.warning(() -> "rosbridge sent something that is not JSON: " + text);
            return;
        }
        if (!"publish".equals(message.path("op").asString(""))) {
            return; // status and service messages are not for the body
        }
        String topic = message.path("topic").asString("");
        JsonNode msg = message.path("msg");
        if (topic.equals(settings.emergencyStopTopic())) {
            if (msg.path("data").asBoolean(false)) {
                emergencyStop.press("emergency stop on " + topic);
            } else {
                emergencyStop.release();
            }
        } else if (topic.equals(settings.resetTopic())) {
            if (!emergencyStop.reset()) {
                LOG.warning("reset refused: the emergency stop is still pressed");
            }
        } else if (topic.equals(settings.jointStatesTopic())) {
            jointStates(msg);
        }
    }

    private void jointStates(JsonNode msg) {
        List<String> joints = profile.jointNames();
        double[] pose = measured != null ? measured.clone() : profile.restPose();
        JsonNode names = msg.path("name");
        JsonNode positions = msg.path("position");
        boolean any = false;
        for (int i = 0; i < names.size() && i < positions.size(); i++) {
            int j = joints.indexOf(names.get(i).asString(""));
            if (j >= 0) {
                pose[j] = positions.get(i).asDouble();
                any = true;
            }
        }
        if (any) {
            measured = pose;
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            connectionLost(ws, "closed by the robot: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            connectionLost(ws, error.getMessage());
        }
    }
}
