package org.eecs.robot.backend;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The robot's access token from Keycloak, by the OAuth 2.0 client credentials grant (the robot is a confidential
 * client; its client id is its robot id, docs/security.md). The token is kept and renewed before it expires:
 * {@code refreshBefore} ahead of its expiry, or halfway through its life if that is shorter, so a request never
 * leaves with a token about to lapse. A 401 from the backend calls {@link #renew()}.
 */
public final class AccessTokens {

    /**
     * @param tokenEndpoint e.g. {@code http://127.0.0.1:8180/realms/eecs/protocol/openid-connect/token}
     */
    public record Settings(URI tokenEndpoint, String clientId, String clientSecret, Duration refreshBefore,
                           Duration timeout) {

        public Settings {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }
    }

    /** The identity provider refused the robot's credentials: retrying will not help. */
    public static final class CredentialsRefused extends RuntimeException {

        public CredentialsRefused(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Settings settings;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;
    private int issued;

    public AccessTokens(HttpClient http, Settings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** A token good for the next request. */
    public synchronized String current() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets the token (the backend refused it) and fetches a new one. */
    public synchronized String renew() {
        token = null;
        return current();
    }

    /** How many tokens were fetched so far. */
    public synchronized int issued() {
        return issued;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret="
                + encode(settings.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(settings.tokenEndpoint()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BackendUnreachable("the identity provider at " + settings.tokenEndpoint() + " cannot be reached: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnreachable("interrupted while asking " + settings.tokenEndpoint() + " for a token", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            throw new CredentialsRefused("the identity provider refused client " + settings.clientId() + ": "
                    + body.path("error").asString("HTTP " + response.statusCode())
                    + (body.has("error_description") ? " (" + body.get("error_description").asString() + ")" : ""));
        }
        if (response.statusCode() != 200 || !body.path("access_token").isString()) {
            throw new BackendUnreachable("the identity provider answered HTTP " + response.statusCode()
                    + " without a token: " + abbreviate(response.body()));
        }
        long lifetime = Math.max(1, body.path("expires_in").asLong(60));
        long margin = Math.min(settings.refreshBefore().toSeconds(), lifetime / 2);
        token = body.get("access_token").asString();
        renewAt = asked.plusSeconds(lifetime - margin);
        issued++;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
