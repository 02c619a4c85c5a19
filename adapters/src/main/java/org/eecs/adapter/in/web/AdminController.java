package org.eecs.adapter.in.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.eecs.application.port.in.ReviewingConfiguration;
import org.eecs.application.port.out.ConfigurationSettings.Setting;
import org.eecs.domain.audit.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "Audit-relevant configuration; nothing clinical")
class AdminController {

    private final ReviewingConfiguration configuration;
    private final Callers callers;

    AdminController(ReviewingConfiguration configuration, Callers callers) {
        this.configuration = configuration;
        this.callers = callers;
    }

    @GetMapping("/configuration")
    @Operation(summary = "The settings that matter for audit: identity provider, database, schema, limits")
    List<Setting> configuration() {
        return configuration.settings(callers.as(Role.ADMIN));
    }
}
