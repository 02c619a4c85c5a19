package org.eecs.adapter.out.modelservers;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The health of the model servers (the language model, the speech recognition and the speech synthesis servers that
 * the settings name), under {@code modelServers} in {@code /actuator/health} and its readiness group. A server out of
 * reach is DEGRADED: the care goes on with less (the care library answers), and replicas stay in service, since they
 * all share it. With none configured, the embedded models serve and the component is UP.
 */
@Configuration(proxyBeanMethods = false)
class ModelServerHealth {

    private static final Logger log = LoggerFactory.getLogger(ModelServerHealth.class);

    @Bean(destroyMethod = "close")
    ModelServerProbes modelServerProbes(Environment settings,
                                        @Value("${eecs.health.model-probe-timeout:2s}") Duration timeout) {
        ModelServerProbes probes = new ModelServerProbes(ModelServer.configuredIn(settings), timeout,
                Clock.systemUTC());
        log.info("Model servers probed for health: {}", probes.servers().isEmpty() ? "none (embedded models only)"
                : probes.servers());
        return probes;
    }

    @Bean("modelServers")
    HealthContributor modelServers(ModelServerProbes probes) {
        if (probes.servers().isEmpty()) {
            return (HealthIndicator) () -> Health.up().withDetail("servers", "none: embedded models only").build();
        }
        Map<String, HealthIndicator> each = new LinkedHashMap<>();
        probes.servers().forEach(server -> each.put(server.name(), probes.indicatorOf(server)));
        return CompositeHealthContributor.fromMap(each);
    }

    /** Probes on the scheduler's thread, which only sends them: the answers come on the HTTP client's. */
    @Component
    static class Schedule {

        private final ModelServerProbes probes;

        Schedule(ModelServerProbes probes) {
            this.probes = probes;
        }

        @Scheduled(initialDelay = 0, fixedDelayString = "${eecs.health.model-probe-interval:30s}")
        void probe() {
            probes.probeAll();
        }
    }
}
