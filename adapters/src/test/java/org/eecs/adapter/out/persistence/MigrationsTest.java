package org.eecs.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eecs.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The migrations in module db build the whole schema on an empty database, and only once. */
class MigrationsTest {

    @Test
    void migrationsApplyToAnEmptyDatabase() throws SQLException {
        TestDatabase.Server server = TestDatabase.server();
        String database = "empty_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            admin.createStatement().execute("create database " + database);
        }
        Flyway flyway = Flyway.configure()
                .dataSource(server.jdbcUrlOf(database), server.username(), server.password())
                .locations("classpath:db/migration")
                .load();

        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();

        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(2);
        assertThat(second.migrationsExecuted).isZero();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrlOf(database), server.username(),
                server.password())) {
            List<String> tables = new ArrayList<>();
            var rows = connection.createStatement().executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'");
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            assertThat(tables).contains("patient", "patient_preference", "care_team_member", "robot",
                    "care_session", "consent", "consent_scope", "turn", "turn_stage_latency", "turn_recording",
                    "turn_recording_frame", "emotion_observation", "emotion_probability", "care_experience_rating", "audit_event", "escalation", "escalation_alert",
                    "guard_violation");
        }
    }
}
