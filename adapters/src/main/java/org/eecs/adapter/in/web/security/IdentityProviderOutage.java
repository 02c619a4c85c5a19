package org.eecs.adapter.in.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A token that could not be checked because the identity provider (Keycloak: its metadata or its signing keys) did
 * not answer is not the caller's fault: Spring Security lets such a failure ({@link AuthenticationServiceException})
 * out of its filter chain, where it would become a bare 500. It is answered here instead, as a 503 problem (or
 * OperationOutcome) that says to try again, before any handler ran.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class IdentityProviderOutage extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdentityProviderOutage.class);

    private final HandlerExceptionResolver problems;

    IdentityProviderOutage(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException unchecked) {
            answer(request, response, unchecked);
        } catch (JwtDecoderInitializationException neverReached) {
            // the first token since start: the issuer's metadata could not be fetched to build the decoder
            answer(request, response, new AuthenticationServiceException(neverReached.getMessage(), neverReached));
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response,
                        AuthenticationServiceException unchecked) {
        log.warn("a token could not be checked: the identity provider did not answer ({})", unchecked.getMessage());
        if (response.isCommitted()) {
            throw unchecked;
        }
        problems.resolveException(request, response, null, unchecked);
    }
}
