package org.eecs.adapter.out.modelservers;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Asks each configured model server, in the background, whether it answers, and keeps the last answer: a health
 * check reads that answer and never waits for a server. A probe is one cheap GET with a short timeout, sent
 * without blocking the caller, so a hanging server delays nothing else.
 */
final class ModelServerProbes implements AutoCloseable {

    /** A server that does not answer, or answers with an error: the care goes on with less (the care library). */
    static final Status DEGRADED = new Status("DEGRADED", "the server does not answer as it should");

    private final List<ModelServer> servers;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Health> last = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<?>> running = new ConcurrentHashMap<>();

    ModelServerProbes(List<ModelServer> servers, Duration timeout, Clock clock) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        servers.forEach(server -> last.put(server.name(), Health.unknown()
                .withDetail("url", server.probe().toString()).withDetail("checked", "not yet").build()));
    }

    List<ModelServer> servers() {
        return servers;
    }

    /** Sends a probe to every server whose previous probe has finished; returns at once. */
    void probeAll() {
        for (ModelServer server : servers) {
            running.compute(server.name(), (name, previous) ->
                    previous != null && !previous.isDone() ? previous : probe(server));
        }
    }

    private CompletableFuture<?> probe(ModelServer server) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.probe()).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (server.apiKey() != null && !server.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + server.apiKey());
        }
        Instant sent = clock.instant();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    last.put(server.name(), healthOf(server, sent, response, failure));
                    return null;
                });
    }

    private Health healthOf(ModelServer server, Instant sent, HttpResponse<?> response, Throwable failure) {
        Health.Builder health;
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            health = Health.status(DEGRADED).withDetail("error", cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } else if (response.statusCode() / 100 == 2) {
            health = Health.up();
        } else {
            health = Health.status(DEGRADED).withDetail("error", "answered " + response.statusCode());
        }
        return health.withDetail("url", server.probe().toString())
                .withDetail("checked", sent.toString())
                .withDetail("answeredInMs", Duration.between(sent, clock.instant()).toMillis())
                .build();
    }

    /** The last answer of this server, as a health indicator. */
    HealthIndicator indicatorOf(ModelServer server) {
        return () -> last.get(server.name());
    }

    @Override
    public void close() {
        running.values().forEach(probe -> probe.cancel(true));
        http.close();
    }
}
