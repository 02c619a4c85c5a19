package org.eecs.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring test context at the tests' database (so the embedded default stays out of the way) and at
 * the in-process token issuer.
 */
public class TestEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        apply(context, TestIssuer.issuerUri());
    }

    /** The tests' database, and the given issuer as the only one the server trusts. */
    public static void apply(ConfigurableApplicationContext context, String issuerUri) {
        TestDatabase.Server server = TestDatabase.server();
        TestPropertyValues.of(
                "spring.datasource.url=" + server.jdbcUrl(),
                "spring.datasource.username=" + server.username(),
                "spring.datasource.password=" + server.password(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuerUri,
                "eecs.exports.directory=target/exports",
                "eecs.exports.poll-every=200ms"
        ).applyTo(context);
    }
}
