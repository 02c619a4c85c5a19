package org.eecs.robot;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The robot agent's entry point. For now it does one real thing a robotics engineer needs before anything
 * else: it checks that the backend it is meant to serve is reachable and healthy.
 *
 * <pre>java -jar eecs-robot-agent.jar [backend-url]</pre>
 *
 * The backend URL defaults to the environment variable EECS_BACKEND_URL, then http://localhost:8080.
 * Exit status 0 when the backend reports UP, 1 when it does not, 2 when it cannot be reached.
 */
public final class RobotAgent {

    static final String DEFAULT_BACKEND = "http://localhost:8080";

    private final HttpClient http;

    RobotAgent(HttpClient http) {
        this.http = http;
    }

    public static void main(String[] args) {
        String backend = args.length > 0 ? args[0]
                : System.getenv().getOrDefault("EECS_BACKEND_URL", DEFAULT_BACKEND);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.exit(new RobotAgent(http).checkBackend(URI.create(backend), System.out));
    }

    /** Asks the backend's health endpoint and tells what it answered; returns the exit status. */
    int checkBackend(URI backend, PrintStream out) {
        URI health = backend.resolve("/actuator/health");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            out.println("backend " + backend + (up ? " is UP" : " is not healthy: HTTP " + response.statusCode()
                    + " " + response.body()));
            return up ? 0 : 1;
        } catch (IOException e) {
            out.println("backend " + backend + " cannot be reached: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted while asking " + health);
            return 2;
        }
    }
}
