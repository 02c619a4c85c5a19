package org.eecs.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect issuer in the test JVM (mock-oauth2-server): it signs JWTs with its own keys and
 * publishes them at its JWKS endpoint, so the server under test verifies tokens exactly as it would Keycloak's.
 * Tokens are shaped like Keycloak's: realm roles in {@code realm_access.roles}, {@code preferred_username},
 * {@code azp}, audience {@code eecs-backend}.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "eecs-backend";
    private static final String REALM = "eecs";
    private static final String OTHER_REALM = "elsewhere";
    private static final long ONE_HOUR = 3600;

    private static MockOAuth2Server server;

    private TestIssuer() {
    }

    public static synchronized String issuerUri() {
        return server().issuerUrl(REALM).toString();
    }

    /** A person's token from the eecs realm, holding these realm roles. */
    public static String user(String username, String... realmRoles) {
        return token(REALM, username, "eecs-web", AUDIENCE, List.of(realmRoles), ONE_HOUR);
    }

    /** A robot's client-credentials token: its client id is its robot id. */
    public static String robot(String robotId) {
        return token(REALM, "service-account-" + robotId, robotId, AUDIENCE, List.of("robot"), ONE_HOUR);
    }

    /** A robot's token that expires after {@code lifetime}. */
    public static String robot(String robotId, java.time.Duration lifetime) {
        return token(REALM, "service-account-" + robotId, robotId, AUDIENCE, List.of("robot"), lifetime.toSeconds());
    }

    /** A robot's token signed by another issuer, with that issuer's keys. */
    public static String robotFromAnotherIssuer(String robotId) {
        return token(OTHER_REALM, "service-account-" + robotId, robotId, AUDIENCE, List.of("robot"), ONE_HOUR);
    }

    public static String expired(String username, String... realmRoles) {
        return token(REALM, username, "eecs-web", AUDIENCE, List.of(realmRoles), -ONE_HOUR);
    }

    /** Signed by another issuer, with that issuer's keys. */
    public static String fromAnotherIssuer(String username, String... realmRoles) {
        return token(OTHER_REALM, username, "eecs-web", AUDIENCE, List.of(realmRoles), ONE_HOUR);
    }

    public static String forAnotherAudience(String username, String... realmRoles) {
        return token(REALM, username, "eecs-web", "some-other-service", List.of(realmRoles), ONE_HOUR);
    }

    /** A valid token whose payload was changed afterwards (an added role): its signature no longer matches. */
    public static String tampered(String username, String... realmRoles) {
        String[] parts = user(username, realmRoles).split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"realm_access\":{\"roles\":[", "\"realm_access\":{\"roles\":[\"admin\",")
                        .getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forgedPayload + "." + parts[2];
    }

    private static String token(String realm, String username, String clientId, String audience, List<String> roles,
                                long expirySeconds) {
        // issued for the client, as Keycloak does: the server sets azp to the client id it issues for
        SignedJWT jwt = server().issueToken(realm, clientId, new DefaultOAuth2TokenCallback(realm, username,
                JOSEObjectType.JWT.getType(), List.of(audience), Map.of(
                        "preferred_username", username,
                        "azp", clientId,
                        "realm_access", Map.of("roles", roles)), expirySeconds));
        return jwt.serialize();
    }

    private static synchronized MockOAuth2Server server() {
        if (server == null) {
            server = new MockOAuth2Server();
            try {
                server.start(InetAddress.getByName("127.0.0.1"), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
            warmUp(server);
        }
        return server;
    }

    /**
     * The issuer answers its very first requests slowly (class loading, key generation): have them answered once
     * here, so that the server under test meets an issuer as ready as a running Keycloak.
     */
    private static void warmUp(MockOAuth2Server server) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String realm : List.of(REALM, OTHER_REALM)) {
                http.send(HttpRequest.newBuilder(server.wellKnownUrl(realm).uri()).build(),
                        HttpResponse.BodyHandlers.discarding());
                http.send(HttpRequest.newBuilder(server.jwksUrl(realm).uri()).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the test issuer did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
