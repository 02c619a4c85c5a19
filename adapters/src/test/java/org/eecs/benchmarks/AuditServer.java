package org.eecs.benchmarks;

import org.eecs.EecsApplication;
import org.eecs.testing.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole server for the audit benchmarks, on the tests' PostgreSQL (embedded here), with the export scheduler
 * idle so that a benchmark writes its exports itself and times nothing else.
 */
final class AuditServer {

    private AuditServer() {
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EecsApplication.class)
                .initializers(context -> TestEnvironment.apply(context, "http://127.0.0.1:9/realms/eecs"),
                        context -> TestPropertyValues.of(
                                "server.port=0",
                                "eecs.exports.poll-every=1h",
                                "eecs.exports.directory=target/benchmark-exports",
                                "logging.level.root=WARN").applyTo(context))
                .run();
    }
}
