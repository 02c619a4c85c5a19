package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs (and Swagger UI at /swagger-ui.html), generated from the controllers. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "EECS clinician API", version = "v1",
                description = "Patients, consent, robots, care sessions and their review. Errors are RFC 7807 "
                        + "problems (application/problem+json); creating POSTs accept an Idempotency-Key header."),
        security = @SecurityRequirement(name = "keycloak"))
@SecurityScheme(name = "keycloak", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token from the Keycloak realm eecs (see docs/security.md)")
class OpenApiConfiguration {
}
