package org.eecs.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A token verified once is given back on its next uses without its signature checked again, while the signing keys
 * it was checked with are the ones in use; its expiry and not-before are checked at every use; a withdrawn key is
 * refused at the next fetch of the keys, as the decoder alone would.
 */
class VerifiedTokensTest {

    private final MovableClock clock = new MovableClock(Instant.now());
    private final RSAKey issuersKey = key("issuer-1");
    private final IssuerKeys published = new IssuerKeys(issuersKey);
    private final SigningKeyFetches fetches = new SigningKeyFetches(clock);
    private final CountingDecoder decoder = new CountingDecoder(published, clock);
    private final VerifiedTokens tokens = new VerifiedTokens(decoder, fetches, clock, 16);

    @Test
    void aTokenVerifiedOnce_isGivenBackOnItsNextUses_withoutItsSignatureCheckedAgain() {
        String robots = token(issuersKey, "robot-1", Duration.ofMinutes(5));

        Jwt first = tokens.decode(robots);
        Jwt second = tokens.decode(robots);
        Jwt third = tokens.decode(robots);

        assertThat(decoder.verified).isEqualTo(2); // the first use fetched the keys, so it was checked once more
        assertThat(second).isSameAs(third);
        assertThat(first.getSubject()).isEqualTo(second.getSubject()).isEqualTo("robot-1");
    }

    @Test
    void whatATokenGrants_isMadeOnceWhileItIsRemembered_andAnewOnceTheKeysAreFetchedAgain() {
        String robots = token(issuersKey, "robot-1", clock.instant(), Duration.ofHours(1),
                Map.of("azp", "robot-1", "realm_access", Map.of("roles", List.of("robot", "offline_access"))));
        KeycloakAuthorities authorities = new KeycloakAuthorities("eecs-backend", tokens);
        tokens.decode(robots); // the first use fetched the keys: not remembered yet
        Jwt remembered = tokens.decode(robots);

        var first = authorities.convert(remembered);
        var second = authorities.convert(tokens.decode(robots));

        assertThat(first).as("an authentication of each request's own").isNotSameAs(second).isEqualTo(second);
        assertThat(first.getName()).isEqualTo("robot-1");
        assertThat(first.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ROBOT",
                "ROLE_OFFLINE_ACCESS");
        assertThat(tokens.granted(remembered, jwt -> {
            throw new AssertionError("made again");
        })).isSameAs(tokens.granted(remembered, jwt -> null));
        published.fetchedBy(fetches);
        Jwt verifiedAgain = tokens.decode(robots);
        assertThat(tokens.granted(verifiedAgain, jwt -> null)).as("forgotten with the token").isNull();
    }

    @Test
    void whenTheTokenHasExpired_aCachedVerificationIsRefused() {
        String robots = token(issuersKey, "robot-1", Duration.ofMinutes(2));
        tokens.decode(robots);
        tokens.decode(robots);
        int verifiedBefore = decoder.verified;

        clock.advance(Duration.ofMinutes(2).plusSeconds(59)); // within the 60 s of clock skew the decoder allows
        assertThat(tokens.decode(robots).getSubject()).isEqualTo("robot-1");
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> tokens.decode(robots)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
        assertThat(decoder.verified).as("refused on its remembered expiry").isEqualTo(verifiedBefore);
        assertThatThrownBy(() -> tokens.decode(robots)).as("and forgotten: the decoder refuses it too")
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void aTokenNotYetValid_isRefused_untilItsTime() {
        String early = token(issuersKey, "robot-1", clock.instant().plusSeconds(120), Duration.ofMinutes(10));

        assertThatThrownBy(() -> tokens.decode(early)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(early)).isInstanceOf(BadJwtException.class);
        clock.advance(Duration.ofMinutes(1)); // within the 60 s of clock skew the decoder allows
        assertThat(tokens.decode(early).getSubject()).isEqualTo("robot-1");
    }

    @Test
    void aTokenSignedByAnUnknownKey_isRefused_evenAfterAValidOne() {
        String robots = token(issuersKey, "robot-1", Duration.ofMinutes(5));
        tokens.decode(robots);
        tokens.decode(robots);
        String[] valid = robots.split("\\.");
        String unknownKey = token(key("elsewhere"), "robot-1", Duration.ofMinutes(5));
        String sameClaimsOtherKey = token(key("issuer-1"), "robot-1", Duration.ofMinutes(5));

        assertThatThrownBy(() -> tokens.decode(unknownKey)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(sameClaimsOtherKey)).isInstanceOf(BadJwtException.class);
        String validClaimsForgedSignature = valid[0] + "." + valid[1] + "." + sameClaimsOtherKey.split("\\.")[2];
        assertThatThrownBy(() -> tokens.decode(validClaimsForgedSignature)).isInstanceOf(BadJwtException.class);
        assertThat(tokens.decode(robots).getSubject()).isEqualTo("robot-1");
    }

    @Test
    void aWithdrawnSigningKey_isRefused_atTheNextFetchOfTheKeys() {
        String robots = token(issuersKey, "robot-1", Duration.ofHours(1));
        tokens.decode(robots);
        tokens.decode(robots);

        RSAKey next = key("issuer-2");
        published.replaceWith(next); // the issuer rotated its keys and withdrew the old one
        assertThat(tokens.decode(robots).getSubject()).as("the decoder has not fetched the keys yet").isEqualTo(
                "robot-1");
        published.fetchedBy(fetches);

        assertThatThrownBy(() -> tokens.decode(robots)).isInstanceOf(BadJwtException.class);
        assertThat(tokens.decode(token(next, "robot-1", Duration.ofHours(1))).getSubject()).isEqualTo("robot-1");
    }

    @Test
    void onceTheKeysMayBeOutOfDate_noTokenIsGivenBackUnverified() {
        String robots = token(issuersKey, "robot-1", Duration.ofHours(1));
        tokens.decode(robots);
        tokens.decode(robots);
        int verifiedBefore = decoder.verified;

        clock.advance(VerifiedTokens.KEY_SET_LIFETIME);
        tokens.decode(robots);

        assertThat(decoder.verified).as("asked the decoder, which fetched the keys again").isEqualTo(
                verifiedBefore + 1);
        assertThat(decoder.fetches).isEqualTo(2);
    }

    @Test
    void aTokenBoundToACertificate_isVerifiedAtEveryUse() {
        String bound = token(issuersKey, "robot-1", Instant.now(), Duration.ofMinutes(5),
                Map.of("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")));
        tokens.decode(bound);
        int verifiedBefore = decoder.verified;

        tokens.decode(bound);

        assertThat(decoder.verified).isEqualTo(verifiedBefore + 1);
    }

    @Test
    void whenFull_tokensAreForgotten_andVerifiedAgainWhenTheyComeBack() {
        VerifiedTokens few = new VerifiedTokens(decoder, fetches, clock, 2);
        List<String> robots = List.of(token(issuersKey, "robot-1", Duration.ofMinutes(5)),
                token(issuersKey, "robot-2", Duration.ofMinutes(5)), token(issuersKey, "robot-3",
                        Duration.ofMinutes(5)));
        robots.forEach(few::decode);
        int verifiedBefore = decoder.verified;

        robots.forEach(few::decode);

        assertThat(decoder.verified).isGreaterThan(verifiedBefore);
        assertThat(robots.stream().map(few::decode).map(Jwt::getSubject)).containsExactly("robot-1", "robot-2",
                "robot-3");
    }

    private String token(RSAKey key, String subject, Duration lifetime) {
        return token(key, subject, clock.instant(), lifetime);
    }

    private String token(RSAKey key, String subject, Instant notBefore, Duration lifetime) {
        return token(key, subject, notBefore, lifetime, Map.of());
    }

    private String token(RSAKey key, String subject, Instant notBefore, Duration lifetime, Map<String, Object> more) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer")
                .audience("eecs-backend").issueTime(Date.from(clock.instant()))
                .notBeforeTime(Date.from(notBefore)).expirationTime(Date.from(clock.instant().plus(lifetime)));
        more.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity provider's published keys, as the decoder last fetched them. */
    private static final class IssuerKeys {

        private volatile JWKSet published;
        private volatile JWKSet fetched;

        IssuerKeys(RSAKey key) {
            published = new JWKSet(key.toPublicJWK());
        }

        void replaceWith(RSAKey key) {
            published = new JWKSet(key.toPublicJWK());
        }

        /** The decoder's fetch, through the identity provider's client that {@code fetches} watches. */
        void fetchedBy(SigningKeyFetches fetches) {
            try {
                fetches.intercept(new MockClientHttpRequest(HttpMethod.GET, "https://issuer/certs"), new byte[0],
                        (request, body) -> new MockClientHttpResponse());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            fetched = published;
        }
    }

    /**
     * Spring Security's Nimbus decoder over {@link IssuerKeys}, fetching them as it does from Keycloak: at its first
     * use and when its copy is older than {@link VerifiedTokens#KEY_SET_LIFETIME}; counts the tokens it verifies.
     */
    private final class CountingDecoder implements JwtDecoder {

        private final NimbusJwtDecoder nimbus;
        private final IssuerKeys keys;
        private final Clock clock;
        private Instant fetchedAt;
        int verified;
        int fetches;

        CountingDecoder(IssuerKeys keys, Clock clock) {
            this.keys = keys;
            this.clock = clock;
            this.nimbus = NimbusJwtDecoder.withJwkSource((selector, context) -> selector.select(keys.fetched))
                    .build();
            JwtTimestampValidator inTime = new JwtTimestampValidator();
            inTime.setClock(clock);
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator("https://issuer"),
                    inTime));
        }

        @Override
        public Jwt decode(String token) {
            if (fetchedAt == null || !clock.instant().isBefore(fetchedAt.plus(VerifiedTokens.KEY_SET_LIFETIME))) {
                keys.fetchedBy(VerifiedTokensTest.this.fetches);
                fetchedAt = clock.instant();
                fetches++;
            }
            verified++;
            return nimbus.decode(token);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
