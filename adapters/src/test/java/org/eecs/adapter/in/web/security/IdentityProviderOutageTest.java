package org.eecs.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Keycloak down when a token is to be checked: the failure Spring Security lets out of its chain (the decoder that
 * could not be built from the issuer's metadata, or signing keys that could not be fetched) goes to the problem
 * resolvers as the identity provider's outage (a 503 there), never to the container as a 500.
 */
class IdentityProviderOutageTest {

    private final List<Exception> resolved = new ArrayList<>();
    private final IdentityProviderOutage filter = new IdentityProviderOutage((request, response, handler, e) -> {
        resolved.add(e);
        response.setStatus(503);
        return new ModelAndView();
    });

    @Test
    void aDecoderThatCouldNotBeBuilt_isAnOutage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/patients"), response, (request, answer) -> {
            throw new JwtDecoderInitializationException("Failed to lazily resolve the supplied JwtDecoder instance",
                    new IllegalArgumentException("Unable to resolve the Configuration with the provided Issuer"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(resolved).singleElement().isInstanceOf(AuthenticationServiceException.class);
    }

    @Test
    void signingKeysThatCouldNotBeFetched_areAnOutage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/fhir/Patient"), response, (request, answer) -> {
            throw new AuthenticationServiceException("Couldn't retrieve remote JWK set");
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(resolved).hasSize(1);
    }
}
