package org.eecs.adapter.out.alerting;

import java.time.Clock;
import org.eecs.application.port.out.AlertClinicians;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalation alerts: with {@code eecs.safety.webhook.url} set, through the outbox to the webhook; without it, none
 * (the care team sees escalations over the REST API, and the log says so once at start).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class AlertingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertingConfiguration.class);

    @Bean
    AlertClinicians alertClinicians(WebhookProperties settings, JdbcClient jdbc, Clock clock) {
        if (settings.url() == null) {
            log.info("Escalation alerts: no webhook configured (eecs.safety.webhook.url); escalations are seen over "
                    + "the REST API only");
            return escalation -> { };
        }
        log.info("Escalation alerts: to {} through the outbox, retried from {} up to every {}", settings.url(),
                settings.firstBackoff(), settings.maxBackoff());
        return new AlertOutbox(jdbc, clock);
    }

    @Bean
    @ConditionalOnProperty("eecs.safety.webhook.url")
    WebhookSender webhookSender(WebhookProperties settings, JdbcClient jdbc, Clock clock) {
        return new WebhookSender(jdbc, settings, clock);
    }
}
