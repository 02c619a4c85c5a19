package org.eecs.adapter.in.web.security;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A robot presents the same token on every turn for the token's lifetime (minutes). Parsing it, finding its signing
 * key, checking its signature, issuer and audience and converting its claims give the same answer every time, since
 * the header, claims and signature of one compact string cannot change: so a token the decoder accepted is
 * remembered by its compact string and given back as the decoder made it. What can change between two uses is
 * checked at every use: expiry and not-before, by the decoder's own rule ({@link JwtTimestampValidator}, its 60 s of
 * clock skew).
 *
 * <p>A signing key withdrawn at the identity provider must still be refused when the decoder would refuse it. The
 * decoder keeps the keys it fetched for {@link #KEY_SET_LIFETIME} and learns of a withdrawal only at its next fetch
 * of them. A token is remembered under the latest fetch begun before it was checked ({@link SigningKeyFetches}):
 * any later fetch makes it a stranger, verified again; and from {@link #KEY_SET_LIFETIME} after that fetch began,
 * when the decoder's copy of the keys may be out of date, nothing is given back unverified, so the decoder is asked,
 * finds its copy expired and fetches the keys again. A withdrawn key is refused at the same fetch as without this
 * class, never later.
 *
 * <p>What the token grants ({@link KeycloakAuthorities}, run on every request) is remembered with it and forgotten with
 * it ({@link #granted}); the authentication itself is made anew for each request, since Spring Security sets the
 * request's details on it.
 *
 * <p>Not remembered: refusals (a refused token is checked in full each time it comes back), and a token bound to a
 * client certificate or key ({@code cnf}), whose check depends on the request. At most {@code capacity} tokens are
 * held: when full, those out of time or of an earlier fetch are forgotten, and if that freed nothing, all.
 */
final class VerifiedTokens implements JwtDecoder {

    /** How long the decoder (Nimbus's caching key source, as Spring Security builds it) keeps fetched keys. */
    static final Duration KEY_SET_LIFETIME = Duration.ofMillis(JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE);

    /** A token verified after a fetch of the keys, and what {@link KeycloakAuthorities} granted it, once asked. */
    private static final class Verified {

        final Jwt jwt;
        final SigningKeyFetches.Fetch after;
        volatile KeycloakAuthorities.Granted granted;

        Verified(Jwt jwt, SigningKeyFetches.Fetch after) {
            this.jwt = jwt;
            this.after = after;
        }
    }

    private final JwtDecoder decoder;
    private final SigningKeyFetches fetches;
    private final Clock clock;
    private final int capacity;
    private final JwtTimestampValidator inTime = new JwtTimestampValidator();
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param decoder  verifies a token in full; it fetches the issuer's keys through a client that {@code fetches}
     *                 watches
     * @param capacity how many verified tokens are held at most
     */
    VerifiedTokens(JwtDecoder decoder, SigningKeyFetches fetches, Clock clock, int capacity) {
        this.decoder = decoder;
        this.fetches = fetches;
        this.clock = clock;
        this.capacity = capacity;
        inTime.setClock(clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        SigningKeyFetches.Fetch fetch = fetches.latest();
        Verified known = verified.get(token);
        if (known != null && known.after == fetch && keysCurrent(fetch)) {
            return stillInTime(token, known.jwt);
        }
        Jwt jwt = decoder.decode(token);
        // a fetch during the check (the first token, a new key) may have brought other keys: checked again next time
        if (keysCurrent(fetch) && fetches.latest() == fetch && !jwt.hasClaim("cnf")) {
            remember(token, new Verified(jwt, fetch));
        }
        return jwt;
    }

    /**
     * What {@code grant} makes of this token, made once while the token is remembered and forgotten with it (at its
     * expiry, the next fetch of the keys, or when room is made): the claims of one verified token never change. A
     * token not remembered (or another instance of it) is granted anew.
     */
    KeycloakAuthorities.Granted granted(Jwt jwt, Function<Jwt, KeycloakAuthorities.Granted> grant) {
        Verified known = verified.get(jwt.getTokenValue());
        if (known == null || known.jwt != jwt) {
            return grant.apply(jwt);
        }
        KeycloakAuthorities.Granted granted = known.granted;
        if (granted == null) {
            granted = grant.apply(jwt);
            known.granted = granted; // two requests at once may both make it: the same either way
        }
        return granted;
    }

    private boolean keysCurrent(SigningKeyFetches.Fetch fetch) {
        return fetch != null && clock.instant().isBefore(fetch.startedAt().plus(KEY_SET_LIFETIME));
    }

    private Jwt stillInTime(String token, Jwt jwt) {
        OAuth2TokenValidatorResult result = inTime.validate(jwt);
        if (result.hasErrors()) {
            verified.remove(token);
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }

    private void remember(String token, Verified verification) {
        if (verified.size() >= capacity) {
            verified.values().removeIf(held -> held.after != verification.after
                    || inTime.validate(held.jwt).hasErrors());
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(token, verification);
    }
}
