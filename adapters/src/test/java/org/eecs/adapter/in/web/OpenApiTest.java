package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The API describes itself, without a token: the OpenAPI document and Swagger UI. */
@IntegrationTest
class OpenApiTest {

    @LocalServerPort int port;
    Api api;

    @BeforeEach
    void connect() {
        api = Api.onPort(port);
    }

    @Test
    void theOpenApiDocumentListsTheApiAndItsBearerScheme() {
        Answer answer = api.get("/v3/api-docs").send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode document = answer.json();
        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(document.get("paths").propertyNames()).contains(
                "/api/v1/patients",
                "/api/v1/patients/{patient}",
                "/api/v1/patients/{patient}/preferences",
                "/api/v1/patients/{patient}/care-team",
                "/api/v1/patients/{patient}/care-team/{clinician}",
                "/api/v1/patients/{patient}/consents",
                "/api/v1/patients/{patient}/consents/withdrawal",
                "/api/v1/patients/{patient}/consents/current",
                "/api/v1/robots",
                "/api/v1/robots/{robot}",
                "/api/v1/sessions",
                "/api/v1/sessions/{session}",
                "/api/v1/sessions/{session}/start",
                "/api/v1/sessions/{session}/complete",
                "/api/v1/sessions/{session}/cancel",
                "/api/v1/sessions/{session}/transcript",
                "/api/v1/sessions/{session}/notes",
                "/api/v1/sessions/{session}/rating",
                "/api/v1/admin/configuration",
                "/api/v1/reports/care-experience",
                "/api/v1/reports/care-experience.html",
                "/api/v1/reports/care-experience.pdf");
        assertThat(document.get("paths").propertyNames()).doesNotContain("/error");
        JsonNode scheme = document.at("/components/securitySchemes/keycloak");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(scheme.get("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(document.get("security").toString()).contains("keycloak");
    }

    @Test
    void swaggerUiIsServed() {
        Answer answer = api.get("/swagger-ui/index.html").send();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).containsIgnoringCase("swagger");
    }
}
