package org.eecs.robot.body.rosbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eecs.robot.VirtualTime;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.FaceFrame;
import org.eecs.robot.body.GuardedBody;
import org.eecs.robot.body.Joint;
import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.MotionRefused;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.body.simulator.SimulatedBody;
import org.eecs.robot.perform.Ending;
import org.eecs.robot.perform.Performance;
import org.eecs.robot.perform.Performer;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RosbridgeBodyTest {

    private static final RobotProfile PROFILE = TestPlans.PROFILE;

    private final TestRosbridge robot;
    /** The whole performance runs on it: never late, however busy the machine. */
    private final VirtualTime time = new VirtualTime();
    private final EmergencyStop emergencyStop = new EmergencyStop();
    private final RosbridgeBody body;

    RosbridgeBodyTest() throws Exception {
        robot = new TestRosbridge();
        RosbridgeBody.Settings settings = new RosbridgeBody.Settings(robot.uri(), "/ward_a/arm_controller/joint_trajectory",
                "/ward_a/face", "/ward_a/joint_states", "/ward_a/estop", "/ward_a/estop_reset", Duration.ofMillis(20),
                Duration.ofMillis(100), 2);
        body = new RosbridgeBody(settings, PROFILE, emergencyStop, new SimulatedBody(PROFILE, 0, time).speaker())
                .connect(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() throws Exception {
        body.close();
        robot.close();
        assertThat(robot.violations).as("every message by the rosbridge v2 protocol").isEmpty();
    }

    @Test
    void onConnecting_itAdvertisesWhatItPublishes_andSubscribesToJointStatesAndTheEmergencyStop_onTheConfiguredTopics()
            throws Exception {
        List<String> greeting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode m = robot.next();
            greeting.add(m.path("op").asString() + " " + m.path("topic").asString() + " " + m.path("type").asString());
        }

        assertThat(greeting).containsExactly(
                "advertise /ward_a/arm_controller/joint_trajectory trajectory_msgs/JointTrajectory",
                "advertise /ward_a/face sensor_msgs/JointState",
                "subscribe /ward_a/joint_states sensor_msgs/JointState",
                "subscribe /ward_a/estop std_msgs/Bool",
                "subscribe /ward_a/estop_reset std_msgs/Empty");
        assertThat(body.ready()).isTrue();
    }

    @Test
    void aJointTarget_isPublishedAsAOnePointTrajectory_dueOneLookAheadFromNow() throws Exception {
        double[] pose = PROFILE.restPose();
        pose[PROFILE.indexOfJoint("headPitch")] = 0.01;

        body.moveJoints(new JointPose(10_000, pose));

        JsonNode msg = robot.nextOn("/ward_a/arm_controller/joint_trajectory").path("msg");
        assertThat(names(msg.path("joint_names"))).isEqualTo(PROFILE.jointNames());
        assertThat(msg.path("header").path("stamp").path("sec").asLong()).isZero();
        assertThat(msg.path("points")).hasSize(1);
        JsonNode point = msg.path("points").get(0);
        assertThat(numbers(point.path("positions"))).containsExactly(pose);
        assertThat(point.path("time_from_start").path("sec").asLong()).isZero();
        assertThat(point.path("time_from_start").path("nanosec").asLong()).isEqualTo(20_000_000L);
        assertThat(body.motionLeadUs()).isEqualTo(20_000);
    }

    @Test
    void aFaceFrame_isPublishedAsAJointStateNamingTheBlendshapeChannels() throws Exception {
        float[] values = new float[PROFILE.faceChannels().size()];
        values[PROFILE.faceChannels().indexOf("mouthSmile")] = 0.7f;

        body.showFace(new FaceFrame(0, PROFILE.faceChannels(), values));

        JsonNode msg = robot.nextOn("/ward_a/face").path("msg");
        assertThat(names(msg.path("name"))).isEqualTo(PROFILE.faceChannels());
        assertThat(msg.path("position").get(PROFILE.faceChannels().indexOf("mouthSmile")).asDouble()).isEqualTo(0.7);
    }

    @Test
    void theEmergencyStopOnItsTopic_haltsAtOnceWithAnEmptyTrajectory_andMotionIsRefusedUntilReset() throws Exception {
        GuardedBody guarded = new GuardedBody(body, PROFILE, emergencyStop);
        robot.drain();

        robot.send("{\"op\":\"publish\",\"topic\":\"/ward_a/estop\",\"msg\":{\"data\":true}}");

        JsonNode halt = robot.nextOn("/ward_a/arm_controller/joint_trajectory").path("msg");
        assertThat(halt.path("points")).isEmpty();
        assertThat(emergencyStop.engaged()).isTrue();
        assertThatThrownBy(() -> guarded.moveJoints(new JointPose(0, PROFILE.restPose())))
                .isInstanceOf(MotionRefused.class);

        robot.send("{\"op\":\"publish\",\"topic\":\"/ward_a/estop_reset\",\"msg\":{}}");
        Thread.sleep(200);
        assertThat(emergencyStop.engaged()).as("reset refused while the button is down").isTrue();
        robot.send("{\"op\":\"publish\",\"topic\":\"/ward_a/estop\",\"msg\":{\"data\":false}}");
        robot.send("{\"op\":\"publish\",\"topic\":\"/ward_a/estop_reset\",\"msg\":{}}");
        waitUntil(() -> !emergencyStop.engaged());
        guarded.moveJoints(new JointPose(0, PROFILE.restPose()));
        assertThat(robot.nextOn("/ward_a/arm_controller/joint_trajectory").path("msg").path("points")).hasSize(1);
    }

    @Test
    void jointStates_areReadByName_intoTheMeasuredPose() throws Exception {
        robot.send("{\"op\":\"publish\",\"topic\":\"/ward_a/joint_states\",\"msg\":{\"header\":{\"stamp\":"
                + "{\"sec\":1,\"nanosec\":0},\"frame_id\":\"\"},\"name\":[\"torsoPitch\",\"gripper\",\"headPitch\"],"
                + "\"position\":[0.1,0.5,-0.2],\"velocity\":[],\"effort\":[]}}");

        waitUntil(() -> body.measuredJoints().isPresent());
        double[] measured = body.measuredJoints().orElseThrow();
        assertThat(measured[PROFILE.indexOfJoint("torsoPitch")]).isEqualTo(0.1);
        assertThat(measured[PROFILE.indexOfJoint("headPitch")]).isEqualTo(-0.2);
        assertThat(measured[PROFILE.indexOfJoint("leftElbow")]).isEqualTo(0.1); // its rest, not reported
    }

    @Test
    void whenTheConnectionDrops_motionIsRefused_andTheDriverReconnectsAndGreetsAgain() throws Exception {
        waitUntil(() -> robot.connections() == 1);
        robot.drop();

        waitUntil(() -> !body.ready() || robot.connections() == 2);
        waitUntil(() -> robot.connections() == 2 && body.ready());
        robot.drain();
        body.moveJoints(new JointPose(0, PROFILE.restPose()));
        assertThat(robot.nextOn("/ward_a/arm_controller/joint_trajectory").path("msg").path("points")).hasSize(1);
    }

    @Test
    void aWholePerformance_sendsEveryTargetWithinTheProfilesLimits_andEndsAtRest() throws Exception {
        List<JsonNode> trajectories = new CopyOnWriteArrayList<>();
        robot.checks.add(m -> {
            if (m.path("topic").asString("").endsWith("joint_trajectory")) {
                trajectories.add(m.path("msg"));
            }
        });
        Performer performer = new Performer(new GuardedBody(body, PROFILE, emergencyStop), Performer.Settings.DEFAULTS,
                time);

        Performance performance = performer.perform(TestPlans.nodding(1.5));
        assertThat(performance.await()).isEqualTo(Ending.COMPLETED);
        // a refused target ends the motion with a halt but lets the speech complete: say so, not a missing point below
        assertThat(performance.motionFault()).as("the motion's fault").isEmpty();

        // messages arrive in order on one connection: once a halt sent after the performance is in, all of it is
        body.halt();
        waitUntil(() -> !trajectories.isEmpty() && trajectories.getLast().path("points").isEmpty());
        trajectories.removeLast();
        assertThat(trajectories).as("one a control cycle over 1.5 s").hasSizeGreaterThanOrEqualTo(145);
        for (JsonNode trajectory : trajectories) {
            double[] positions = numbers(trajectory.path("points").get(0).path("positions"));
            for (int j = 0; j < positions.length; j++) {
                Joint joint = PROFILE.joints().get(j);
                assertThat(positions[j]).isBetween(joint.min(), joint.max());
            }
        }
        assertThat(numbers(trajectories.getLast().path("points").get(0).path("positions")))
                .containsExactly(PROFILE.restPose(), org.assertj.core.data.Offset.offset(1e-6));
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
    }
}
