package org.eecs.adapter.in.web.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Our own small Keycloak adapter: reads the realm roles ({@code realm_access.roles}) and this backend's client
 * roles ({@code resource_access.<client>.roles}) of a Keycloak access token and turns them into authorities
 * {@code ROLE_<ROLE>}. The principal is the person's {@code preferred_username}, or for a robot (a client acting
 * for itself) its client id {@code azp}, which is also its robot id. Claims of an unexpected shape are ignored,
 * never trusted.
 */
final class KeycloakAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

    /** A role we map: compiled once (a token's roles are matched on every request). */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final String clientId;
    private final VerifiedTokens remembered;

    KeycloakAuthorities(String clientId) {
        this(clientId, null);
    }

    /**
     * @param remembered where what a token grants is kept with the token, made once for it rather than on every request
     *                   (a robot presents the same token for its lifetime); null to make it every time
     */
    KeycloakAuthorities(String clientId, VerifiedTokens remembered) {
        this.clientId = clientId;
        this.remembered = remembered;
    }

    /** What a token grants: the authorities of its roles, and the name it acts under. */
    record Granted(List<GrantedAuthority> authorities, String name) {
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Granted granted = remembered == null ? granted(jwt) : remembered.granted(jwt, this::granted);
        return new JwtAuthenticationToken(jwt, granted.authorities(), granted.name());
    }

    private Granted granted(Jwt jwt) {
        Set<String> roles = new LinkedHashSet<>(rolesIn(jwt.getClaim("realm_access")));
        if (jwt.getClaim("resource_access") instanceof Map<?, ?> resources) {
            roles.addAll(rolesIn(resources.get(clientId)));
        }
        List<GrantedAuthority> authorities = roles.stream()
                .filter(role -> ROLE.matcher(role).matches())
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(
                        "ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_')))
                .toList();
        return new Granted(authorities, principalName(jwt, roles));
    }

    private static Collection<String> rolesIn(Object access) {
        if (access instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static String principalName(Jwt jwt, Set<String> roles) {
        String azp = jwt.getClaimAsString("azp");
        if (roles.contains("robot") && azp != null) {
            return azp;
        }
        String username = jwt.getClaimAsString("preferred_username");
        return username != null ? username : jwt.getSubject();
    }
}
