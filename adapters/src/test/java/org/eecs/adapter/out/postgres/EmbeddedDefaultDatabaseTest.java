package org.eecs.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.eecs.EecsApplication;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.RegisteringPatient;
import org.eecs.application.port.in.RegisteringPatient.RegisterPatient;
import org.eecs.application.port.out.Patients;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.PatientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With no database URL configured the server runs on its own embedded PostgreSQL, reports it healthy, and
 * keeps its data across a restart.
 */
class EmbeddedDefaultDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void withoutDatabaseUrl_theServerStartsOnEmbeddedPostgresAndKeepsDataAcrossARestart() throws Exception {
        PatientId registered;
        try (ConfigurableApplicationContext first = startServer()) {
            assertThat(health(first)).contains("\"status\":\"UP\"").contains("\"db\"");
            registered = first.getBean(RegisteringPatient.class).register(new RegisterPatient(
                    new Caller(new Actor("dr-li", Role.CLINICIAN), "127.0.0.1", "req-1", "treatment"),
                    "Robin", 1990, Gender.FEMALE, "en", List.of())).id();
        }

        try (ConfigurableApplicationContext second = startServer()) {
            assertThat(second.getBean(Patients.class).find(registered)).isPresent();
        }
    }

    private ConfigurableApplicationContext startServer() {
        // as arguments: default properties would lose to application.yaml's data directory (the user's own)
        return new SpringApplicationBuilder(EecsApplication.class)
                .run("--server.port=0",
                        "--spring.datasource.url=",
                        "--eecs.embedded-postgres.data-directory=" + dataDirectory);
    }

    private static String health(ConfigurableApplicationContext context) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
