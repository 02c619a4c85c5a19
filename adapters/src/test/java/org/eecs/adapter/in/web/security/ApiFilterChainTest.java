package org.eecs.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eecs.testing.Api;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What Spring Security runs for every API request (a robot's turn among them), and nothing that does nothing for a
 * stateless bearer-token API: no logout, no request saved for after a login.
 */
@IntegrationTest
class ApiFilterChainTest {

    @LocalServerPort int port;
    @Autowired @Qualifier("api") SecurityFilterChain api;

    @Test
    void everyRequestRuns_theseFilters_inThisOrder() {
        List<String> filters = api.getFilters().stream().map(filter -> filter.getClass().getSimpleName()).toList();

        assertThat(filters).containsExactly("DisableEncodeUrlFilter", "WebAsyncManagerIntegrationFilter",
                "SecurityContextHolderFilter", "HeaderWriterFilter", "OAuth2ProtectedResourceMetadataFilter",
                "BearerTokenAuthenticationFilter", "AuthenticationFilter", "SecurityContextHolderAwareRequestFilter",
                "AnonymousAuthenticationFilter", "SessionManagementFilter", "ExceptionTranslationFilter",
                "AuthorizationFilter", "IdempotencyKeys");
    }

    @Test
    void thereIsNoLogoutToCall_aPostToLogoutIsRefusedLikeAnyPathOutsideTheApi() {
        Api.Answer answer = Api.onPort(port).post("/logout").json("{}").send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
