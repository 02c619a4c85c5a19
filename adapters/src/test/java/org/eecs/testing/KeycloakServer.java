package org.eecs.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak (the unpacked server distribution) with the EECS realm from {@code docs/keycloak/eecs-realm.json},
 * for integration tests. One server per JVM: it is started on first use and stopped by a shutdown hook, because a
 * start costs 15 to 45 seconds and half a gigabyte.
 *
 * <p>Needs the system properties {@code eecs.keycloak.home} and {@code eecs.keycloak.realm}, which the adapters
 * pom passes to failsafe.
 */
public final class KeycloakServer {

    /**
     * A bound for a Keycloak that never comes up, not a speed target: the first start (Quarkus augmentation, schema,
     * realm import) took 45 s on an idle 2-core machine and over 4 minutes on one shared with other builds.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(600);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KeycloakServer shared;

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized KeycloakServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            var server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
        }
        return shared;
    }

    private static KeycloakServer start() {
        Path home = Path.of(requiredProperty("eecs.keycloak.home"));
        Path realm = Path.of(requiredProperty("eecs.keycloak.realm"));
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            // --import-realm skips a realm that already exists, so drop the dev database to import the current file.
            deleteRecursively(home.resolve("data/h2"));

            int port = freeLoopbackPort();
            Path log = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target"))
                    .resolve("keycloak-" + port + ".log");
            var builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-host=127.0.0.1", "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Keycloak 26 needs Java 21+; the machine's default java may be older than the one running the tests.
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            var server = new KeycloakServer(builder.start(), port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Keycloak from " + home, e);
        }
    }

    /** The issuer ({@code iss}) of the tokens; on 127.0.0.1, since Keycloak derives it from the request's host. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/eecs";
    }

    /** An access token for a user, by the resource owner password grant (enabled on eecs-backend for tests only). */
    public String passwordGrant(String clientId, String clientSecret, String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
                "username", username, "password", password));
    }

    /** An access token for a client's service account, such as a robot's. */
    public String clientCredentialsGrant(String clientId, String clientSecret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret));
    }

    /** Stops the server and every process it started, and waits for them to exit. */
    public void stop() {
        // kc.sh forks the JVM: collect it before its parent dies and it stops being a descendant.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request (" + form.get("grant_type") + ", " + form.get("client_id")
                        + ") answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asString();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("token request failed", e);
        }
    }

    private void awaitReady() {
        var wellKnown = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; log " + log
                        + " ends with:\n" + logTail());
            }
            try {
                if (HTTP.send(wellKnown, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve realm eecs within " + STARTUP_TIMEOUT.toSeconds()
                + " s; log " + log + " ends with:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the Keycloak tests"
                    + " through Maven (./mvnw -pl adapters -am verify), whose failsafe configuration sets it");
        }
        return value;
    }

    private static int freeLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
