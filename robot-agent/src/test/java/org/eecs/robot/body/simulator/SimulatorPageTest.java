package org.eecs.robot.body.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.FaceFrame;
import org.eecs.robot.body.JointPose;
import org.eecs.robot.body.RobotProfile;
import org.eecs.robot.plan.TestPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's page in a real browser (headless Debian chromium): the face is drawn, and it moves when the body
 * is told to smile and speak. Screenshots are kept in {@code target/simulator-page/}.
 */
class SimulatorPageTest {

    private static final Path SCREENSHOTS = Path.of("target", "simulator-page");
    private static final RobotProfile PROFILE = TestPlans.PROFILE;

    private final EmergencyStop emergencyStop = new EmergencyStop();
    private final SimulatedBody body = new SimulatedBody(PROFILE, 0);
    private SimulatorPage page;

    @BeforeEach
    void open() {
        page = new SimulatorPage(body, emergencyStop, "127.0.0.1", 0);
    }

    @AfterEach
    void close() {
        page.close();
    }

    @Test
    void theFaceIsDrawnInABrowser_andMovesWhenTheRobotSmilesAndSpeaks() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(840, 480)) {
            chromium.navigate(page.uri());
            waitFor(chromium, "window.eecsUpdates >= 2 && document.getElementById('status').textContent === 'running'");
            BufferedImage atRest = png(chromium.screenshot(SCREENSHOTS.resolve("face-at-rest.png")));

            float[] face = new float[PROFILE.faceChannels().size()];
            face[PROFILE.faceChannels().indexOf("jawOpen")] = 0.9f;
            face[PROFILE.faceChannels().indexOf("mouthSmile")] = 0.7f;
            face[PROFILE.faceChannels().indexOf("browInnerUp")] = 0.8f;
            body.showFace(new FaceFrame(0, PROFILE.faceChannels(), face));
            double[] joints = PROFILE.restPose();
            joints[PROFILE.indexOfJoint("rightShoulderRoll")] = 1.2;
            joints[PROFILE.indexOfJoint("torsoPitch")] = 0.3;
            body.moveJoints(new JointPose(0, joints));
            waitFor(chromium, "(state.face.jawOpen || 0) > 0.8 && (state.joints.rightShoulderRoll || 0) > 1.1");
            BufferedImage speaking = png(chromium.screenshot(SCREENSHOTS.resolve("face-smiling-and-speaking.png")));

            // the face canvas (16 px margin, 360 x 360, below the 20 px heading) is drawn: skin at its centre
            assertThat(near(atRest.getRGB(196, 270), 0xf2d3b3)).as("skin colour in the middle of the face").isTrue();
            int mouthChanged = changedPixels(atRest, speaking, 110, 270, 280, 380);
            int bodyChanged = changedPixels(atRest, speaking, 400, 60, 820, 420);
            assertThat(mouthChanged).as("pixels of the mouth and brows that changed").isGreaterThan(800);
            assertThat(bodyChanged).as("pixels of the stick figure that changed").isGreaterThan(300);
        }
    }

    @Test
    void theEmergencyStopButtonsOfThePage_engageAndResetTheAgentsStop() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> stop = http.send(HttpRequest.newBuilder(page.uri().resolve("/emergency-stop"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(emergencyStop.engaged()).isTrue();
        assertThat(page.state()).contains("\"emergencyStop\":true");

        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(page.uri().resolve("/emergency-stop/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(emergencyStop.engaged()).isFalse();
    }

    @Test
    void theEventStream_sendsTheFaceAndTheJointsByName() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.util.stream.Stream<String>> events = http.send(HttpRequest.newBuilder(
                page.uri().resolve("/events")).build(), HttpResponse.BodyHandlers.ofLines());

        String first = events.body().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();

        assertThat(events.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(first).contains("\"jawOpen\":0.000").contains("\"leftShoulderRoll\":0.0500")
                .contains("\"speaking\":false");
    }

    private static void waitFor(HeadlessChromium chromium, String condition) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (chromium.evaluate(condition).asBoolean(false)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the page never reached: " + condition);
    }

    private static BufferedImage png(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static int changedPixels(BufferedImage a, BufferedImage b, int x0, int y0, int x1, int y1) {
        int changed = 0;
        for (int y = y0; y < Math.min(y1, a.getHeight()); y++) {
            for (int x = x0; x < Math.min(x1, a.getWidth()); x++) {
                if (!near(a.getRGB(x, y), b.getRGB(x, y) & 0xFFFFFF)) {
                    changed++;
                }
            }
        }
        return changed;
    }

    private static boolean near(int argb, int rgb) {
        for (int shift : List.of(0, 8, 16)) {
            if (Math.abs(((argb >> shift) & 0xFF) - ((rgb >> shift) & 0xFF)) > 12) {
                return false;
            }
        }
        return true;
    }
}
