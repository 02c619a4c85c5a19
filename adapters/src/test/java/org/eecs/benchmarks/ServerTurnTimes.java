package org.eecs.benchmarks;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The server's own view of each turn request (a POST of the robot API), registered by the load driver only: an
 * access log of Tomcat's engine, so the time runs from the request's first byte read (Tomcat's start time) to the
 * answer written out (Tomcat logs access after the response is finished), as {@code %D} of Tomcat's access log
 * does. Beside the robot's time of the same turn (paired by its {@code Idempotency-Key}) it splits a turn's time
 * between the server and the wire and robot.
 */
final class ServerTurnTimes extends ValveBase implements AccessLog {

    /**
     * One turn request: when Tomcat began reading it (System.nanoTime of this JVM), how long, its key (or null), its
     * status, the request thread that served it.
     */
    record Served(long startNanos, double millis, String key, int status, String thread) {
    }

    private final ConcurrentLinkedQueue<Served> served = new ConcurrentLinkedQueue<>();
    private boolean requestAttributesEnabled;

    ServerTurnTimes() {
        super(true);
    }

    /** Registers this log on the server's Tomcat engine. */
    void register(GenericApplicationContext context) {
        context.registerBean("serverTurnTimes", WebServerFactoryCustomizer.class,
                () -> (WebServerFactoryCustomizer<TomcatServletWebServerFactory>) factory ->
                        factory.addEngineValves(this));
    }

    /** The turn requests Tomcat began reading at or after this instant (System.nanoTime), dropping all before. */
    List<Served> since(long startNanos) {
        List<Served> since = new ArrayList<>();
        for (Served turn : served) {
            if (turn.startNanos() - startNanos >= 0) {
                since.add(turn);
            }
        }
        served.clear();
        return since;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
    }

    @Override
    public void log(Request request, Response response, long time) {
        String path = request.getRequestURI();
        if ("POST".equals(request.getMethod()) && path != null && path.startsWith("/api/v1/robot/sessions/")
                && (path.endsWith("/turns") || path.endsWith("/text-turns"))) {
            long start = request.getCoyoteRequest().getStartTimeNanos();
            served.add(new Served(start, (System.nanoTime() - start) / 1e6, request.getHeader("Idempotency-Key"),
                    response.getStatus(), Thread.currentThread().getName()));
        }
    }

    @Override
    public void setRequestAttributesEnabled(boolean enabled) {
        requestAttributesEnabled = enabled;
    }

    @Override
    public boolean getRequestAttributesEnabled() {
        return requestAttributesEnabled;
    }
}
