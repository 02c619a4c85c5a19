package org.eecs.adapter.in.web.security;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any claims a signed token may carry (realm_access, resource_access, azp, preferred_username, sub of any shape):
 * mapped without failing, to authorities of the form ROLE_X only; claims of an unexpected shape grant nothing.
 */
class KeycloakAuthoritiesFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KeycloakAuthorities AUTHORITIES = new KeycloakAuthorities("eecs-backend");
    private static final Pattern ROLE = Pattern.compile("ROLE_[A-Z][A-Z0-9_]{0,63}");

    @FuzzTest(maxDuration = "3m")
    void anyClaims_mapToWellFormedRolesOrNone(String claims) {
        Map<String, Object> parsed;
        if (claims == null) {
            return;
        }
        try {
            parsed = JSON.readValue(claims, JSON.getTypeFactory().constructMapType(Map.class, String.class,
                    Object.class));
        } catch (JacksonException notJson) {
            return; // the decoder refuses such a token before any mapping
        }
        if (parsed != null) {
            parsed.values().removeIf(Objects::isNull); // the decoder drops null claims
        }
        if (parsed == null || parsed.isEmpty()) {
            return;
        }
        Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").claims(all -> all.putAll(parsed)).build();
        AbstractAuthenticationToken token = AUTHORITIES.convert(jwt);
        for (GrantedAuthority authority : token.getAuthorities()) {
            if (!ROLE.matcher(authority.getAuthority()).matches()) {
                throw new AssertionError("an authority not of our form: " + authority.getAuthority());
            }
        }
    }
}
