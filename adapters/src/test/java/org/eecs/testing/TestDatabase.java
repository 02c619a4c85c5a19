package org.eecs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL 17 that the integration tests run on, one per test JVM: a Testcontainers container where a
 * Docker engine is reachable (a laptop, a CI with Docker), the embedded PostgreSQL otherwise. The same tests run
 * on both; the choice is logged. {@code -Deecs.test-database=embedded} forces the embedded one.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    private static Server server;

    private TestDatabase() {
    }

    /** Where the tests' database server listens; started on first use. */
    public static synchronized Server server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    private static Server start() {
        if (!"embedded".equals(System.getProperty("eecs.test-database")) && dockerIsReachable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            log.info("Test database: PostgreSQL 17 in a Testcontainers container at {}", container.getJdbcUrl());
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            log.info("Test database: embedded PostgreSQL (no Docker engine reachable) at {}", url);
            return new Server(url, "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL for the tests did not start", e);
        }
    }

    private static boolean dockerIsReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A running server; its JDBC URL names the tests' main database. */
    public record Server(String jdbcUrl, String username, String password) {

        /** The JDBC URL of another database on the same server. */
        public String jdbcUrlOf(String database) {
            return jdbcUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        }

        /** A new, empty database on the same server, its name starting with {@code prefix}, for one test's own. */
        public DataSource newDatabase(String prefix) {
            String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection admin = DriverManager.getConnection(jdbcUrl, username, password)) {
                admin.createStatement().execute("create database " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the test database " + database, e);
            }
            return new DriverManagerDataSource(jdbcUrlOf(database), username, password);
        }
    }
}
