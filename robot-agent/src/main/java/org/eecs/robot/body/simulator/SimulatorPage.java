package org.eecs.robot.body.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eecs.robot.body.EmergencyStop;
import org.eecs.robot.body.RobotProfile;

/**
 * The simulator's web page: the face drawn from its blendshape channels and the body as a stick figure from its
 * joints, live over server-sent events ({@code GET /events}, about 30 updates a second while anything moves), with
 * an emergency stop and its reset ({@code POST /emergency-stop}, {@code POST /emergency-stop/reset}).
 */
public final class SimulatorPage implements AutoCloseable {

    static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(33);

    private final SimulatedBody body;
    private final EmergencyStop emergencyStop;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] page;
    private volatile boolean open = true;

    public SimulatorPage(SimulatedBody body, EmergencyStop emergencyStop, String host, int port) {
        this.body = body;
        this.emergencyStop = emergencyStop;
        this.page = resource("/simulator/index.html");
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("the simulator page cannot listen on " + host + ":" + port, e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::page);
        server.createContext("/events", this::events);
        server.createContext("/emergency-stop", this::emergencyStop);
        server.start();
        body.describeAs("simulator on " + uri());
    }

    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
        handlers.shutdownNow();
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        }
    }

    private void emergencyStop(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, "text/plain", "POST only");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/emergency-stop")) {
                // a button on a page springs back at once; the agent's stop stays engaged until reset
                emergencyStop.press("the simulator page");
                emergencyStop.release();
                send(exchange, 200, "application/json", "{\"emergencyStop\":true}");
            } else if (path.equals("/emergency-stop/reset")) {
                boolean reset = emergencyStop.reset();
                send(exchange, reset ? 200 : 409, "application/json", "{\"emergencyStop\":" + !reset + "}");
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    /** Server-sent events: the whole state on connect, then whenever it changes, at most 30 times a second. */
    private void events(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long sentChanges = -1;
            String sentState = "";
            long lastBeat = 0;
            while (open) {
                long changes = body.changes();
                String state = state();
                long now = System.nanoTime();
                if (changes != sentChanges || !state.equals(sentState) || now - lastBeat > 5_000_000_000L) {
                    out.write(("data: " + state + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sentChanges = changes;
                    sentState = state;
                    lastBeat = now;
                }
                Thread.sleep(FRAME_NANOS / 1_000_000);
            }
        } catch (IOException | InterruptedException e) {
            // the page went away, or the simulator is closing
        }
    }

    String state() {
        RobotProfile profile = body.profile();
        StringBuilder json = new StringBuilder(512).append("{\"face\":{");
        float[] face = body.face();
        for (int c = 0; c < face.length; c++) {
            json.append(c == 0 ? "" : ",").append('"').append(profile.faceChannels().get(c)).append("\":")
                    .append(String.format(Locale.ROOT, "%.3f", face[c]));
        }
        json.append("},\"joints\":{");
        double[] joints = body.joints();
        for (int j = 0; j < joints.length; j++) {
            json.append(j == 0 ? "" : ",").append('"').append(profile.joints().get(j).name()).append("\":")
                    .append(String.format(Locale.ROOT, "%.4f", joints[j]));
        }
        return json.append("},\"speaking\":").append(body.speaking()).append(",\"emergencyStop\":")
                .append(emergencyStop.engaged()).append('}').toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SimulatorPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the agent's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
