package org.eecs.adapter.in.web.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * The API is an OAuth2 resource server for Keycloak-issued JWTs: signature (from the issuer's JWKS), issuer,
 * expiry and audience are checked, roles come from {@link KeycloakAuthorities}. Which role may call what is
 * stated here, in one table; what a clinician may see within a role (their care team only) is the application's
 * rule. Refusals are RFC 7807 problems and audited ({@link RefusedRequests}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CLINICIAN = "CLINICIAN";
    private static final String ROBOT = "ROBOT";
    private static final String ADMIN = "ADMIN";
    private static final String INTEGRATION = "INTEGRATION";
    private static final String AUDITOR = "AUDITOR";
    /** Prometheus, scraping metrics with a token of its own client (docs/security.md) */
    private static final String MONITORING = "MONITORING";
    /** Verified tokens held at most (a robot's, a clinician's: a few KB each); past it, some are verified again. */
    private static final int REMEMBERED_TOKENS = 1024;

    @Bean
    SecurityFilterChain api(HttpSecurity http, RefusedRequests refusals,
                            @Qualifier("idempotencyKeys") Filter idempotencyKeys,
                            @Value("${eecs.security.audience}") String audience, JwtDecoder tokens)
            throws Exception {
        http
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for a forged request to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // nothing to log out of (the identity provider ends sessions; a token expires) and no request to
                // save for after a login: both filters only cost every request a look at its path
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        // the container's error page for a request that already failed: it shows no data, and
                        // refusing it would turn every such failure into a misleading 401 or 403
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasRole(MONITORING)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/api/v1/patients/*/care-team", "/api/v1/patients/*/care-team/**")
                        .hasRole(ADMIN)
                        .requestMatchers("/api/v1/patients", "/api/v1/patients/**").hasRole(CLINICIAN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/robots", "/api/v1/robots/*")
                        .hasAnyRole(ADMIN, CLINICIAN)
                        .requestMatchers("/api/v1/robots", "/api/v1/robots/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/sessions", "/api/v1/sessions/*")
                        .hasAnyRole(CLINICIAN, ROBOT)
                        .requestMatchers("/api/v1/sessions", "/api/v1/sessions/**").hasRole(CLINICIAN)
                        .requestMatchers("/api/v1/escalations", "/api/v1/escalations/**").hasRole(CLINICIAN)
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/reports/**").hasAnyRole(CLINICIAN, ADMIN)
                        // FHIR R4 for hospital IT (docs/fhir.md): what the server can do and its code systems are
                        // public; bulk export and writes are the hospital system's; reads also a care team's; the
                        // audit trail's AuditEvents the auditors' and the hospital system's
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/CodeSystem/*").permitAll()
                        .requestMatchers("/fhir/$export", "/fhir/Patient/$export", "/fhir/$export-*/**")
                        .hasRole(INTEGRATION)
                        .requestMatchers(HttpMethod.GET, "/fhir/AuditEvent", "/fhir/AuditEvent/**")
                        .hasAnyRole(AUDITOR, INTEGRATION)
                        .requestMatchers(HttpMethod.GET, "/fhir/**").hasAnyRole(INTEGRATION, CLINICIAN)
                        .requestMatchers(HttpMethod.POST, "/fhir/Patient", "/fhir/Consent").hasRole(INTEGRATION)
                        .requestMatchers(HttpMethod.PUT, "/fhir/Consent/*").hasRole(INTEGRATION)
                        .requestMatchers("/api/v1/audit/**").hasRole(AUDITOR)
                        .requestMatchers("/api/v1/robot/**").hasRole(ROBOT)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakAuthorities(audience,
                                tokens instanceof VerifiedTokens verified ? verified : null)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .addFilterAfter(idempotencyKeys, AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Verifies tokens against the issuer's published keys. Built on first use, so that the server starts (and
     * reports its health) while the identity provider is still coming up. A token verified once is remembered while
     * the keys it was verified with are the ones in use ({@link VerifiedTokens}: a robot presents the same token on
     * every turn), its expiry and not-before checked at every use.
     */
    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${eecs.security.audience}") String audience) {
        Clock clock = Clock.systemUTC();
        SigningKeyFetches fetches = new SigningKeyFetches(clock);
        JwtDecoder decoder = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withIssuerLocation(issuer)
                    .restOperations(identityProviderClient(fetches))
                    .build();
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience))));
            return nimbus;
        });
        return new VerifiedTokens(decoder, fetches, clock, REMEMBERED_TOKENS);
    }

    /**
     * Spring Security's own observations (a timer and a span around each of its filters, its authentication and its
     * authorization): nothing reads them (the metrics operators are promised, docs/security.md, are the turns',
     * the HTTP requests', the JVM's, the pool's and Tomcat's), and on a robot's turn they cost more than the token's
     * check. Off at the root: no filter is wrapped, rather than each wrapped in an observation that does nothing.
     * The requests' own observation ({@code http.server.requests}) is Spring MVC's and stays.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Fetches the issuer's metadata and signing keys with explicit timeouts: patient enough for an identity
     * provider answering its first request slowly, bounded so that a dead one fails requests instead of hanging.
     * Every request it makes is told to {@code fetches}: remembered tokens checked before it are checked again.
     */
    private static RestTemplate identityProviderClient(SigningKeyFetches fetches) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(15));
        RestTemplate client = new RestTemplate(requests);
        client.getInterceptors().add(fetches);
        return client;
    }
}
