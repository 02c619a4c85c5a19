package org.eecs.adapter.in.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.eecs.testing.TestIssuer;

/**
 * Keycloak's token endpoint for one robot, as the agent uses it (the client credentials grant), handing out tokens
 * of the in-process {@link TestIssuer} that live {@code lifetime}. The first token can be made one the backend
 * refuses (signed by another issuer), to see the robot renew it.
 */
final class RobotTokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final String robot;
    private final String secret;
    private final Duration lifetime;
    private final boolean firstRefused;
    private final List<Long> issuedAtNanos = new CopyOnWriteArrayList<>();

    RobotTokenEndpoint(String robot, String secret, Duration lifetime, boolean firstRefused) {
        this.robot = robot;
        this.secret = secret;
        this.lifetime = lifetime;
        this.firstRefused = firstRefused;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", this::token);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** When each token was issued ({@link System#nanoTime()}), in order. */
    List<Long> issuedAtNanos() {
        return List.copyOf(issuedAtNanos);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = Arrays.stream(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8).split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "",
                        StandardCharsets.UTF_8)));
        boolean valid = "POST".equals(exchange.getRequestMethod())
                && "client_credentials".equals(form.get("grant_type")) && robot.equals(form.get("client_id"))
                && secret.equals(form.get("client_secret"));
        if (!valid) {
            reply(exchange, 401, "{\"error\": \"unauthorized_client\", \"error_description\": \"Invalid client or "
                    + "Invalid client credentials\"}");
            return;
        }
        String token = firstRefused && issuedAtNanos.isEmpty() ? TestIssuer.robotFromAnotherIssuer(robot)
                : TestIssuer.robot(robot, lifetime);
        issuedAtNanos.add(System.nanoTime());
        reply(exchange, 200, "{\"access_token\": \"" + token + "\", \"expires_in\": " + lifetime.toSeconds()
                + ", \"token_type\": \"Bearer\"}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
