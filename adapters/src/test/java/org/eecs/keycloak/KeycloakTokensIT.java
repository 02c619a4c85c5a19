package org.eecs.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.eecs.testing.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm in docs/keycloak/eecs-realm.json issues the tokens the backend expects. Only the claims are read here:
 * checking the signature is the resource server's job, tested with it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeycloakTokensIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.shared();
    }

    @Test
    void a_clinician_token_is_for_the_backend_names_the_user_and_carries_the_clinician_role() {
        JsonNode claims = claims(keycloak.passwordGrant("eecs-backend", "eecs-backend-demo-secret", "dr-li", "dr-li-demo"));

        assertThat(strings(claims.get("aud"))).contains("eecs-backend");
        assertThat(claims.get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.get("preferred_username").asString()).isEqualTo("dr-li");
        assertThat(strings(claims.path("realm_access").path("roles"))).contains("clinician");
    }

    @Test
    void a_robot_token_names_the_robot_client_is_for_the_backend_and_carries_the_robot_role() {
        JsonNode claims = claims(keycloak.clientCredentialsGrant("robot-ward-a", "robot-ward-a-demo-secret"));

        assertThat(claims.get("azp").asString()).isEqualTo("robot-ward-a");
        assertThat(strings(claims.get("aud"))).contains("eecs-backend");
        assertThat(claims.get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(strings(claims.path("realm_access").path("roles"))).contains("robot");
    }

    @Test
    void a_wrong_password_gets_no_token() {
        // RFC 6749 section 5.2: invalid_grant is a 400, not a 401
        assertThatThrownBy(() -> keycloak.passwordGrant("eecs-backend", "eecs-backend-demo-secret", "dr-li", "wrong"))
                .hasMessageContaining("answered 400")
                .hasMessageContaining("invalid_grant");
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a signed JWT has header, payload and signature").hasSize(3);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** {@code aud} is a string for one audience and an array for several; roles are always an array. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asString()));
        } else {
            values.add(node.asString());
        }
        return values;
    }
}
