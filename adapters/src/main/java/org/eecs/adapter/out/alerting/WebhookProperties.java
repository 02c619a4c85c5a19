package org.eecs.adapter.out.alerting;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code eecs.safety.webhook.*}: where escalation alerts go, and how they are retried.
 *
 * @param url          the hospital's alerting endpoint (a pager gateway, a nurse-call bridge, a chat webhook); unset
 *                     for none: escalations are then seen over the REST API only
 * @param timeout      for one delivery, connection included
 * @param pollInterval how often the sender looks for alerts that are due
 * @param firstBackoff the wait after the first failed delivery; it doubles with each further failure...
 * @param maxBackoff   ...up to this; an alert is retried at this interval until it is accepted, never dropped. A
 *                     minute: an escalation waiting through an outage reaches the care team within a minute of
 *                     the webhook's return, for one request a minute per waiting alert meanwhile
 * @param batchSize    the most alerts one round sends
 */
@ConfigurationProperties("eecs.safety.webhook")
record WebhookProperties(URI url,
                         @DefaultValue("5s") Duration timeout,
                         @DefaultValue("5s") Duration pollInterval,
                         @DefaultValue("10s") Duration firstBackoff,
                         @DefaultValue("1m") Duration maxBackoff,
                         @DefaultValue("20") int batchSize) {

    WebhookProperties {
        if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("eecs.safety.webhook.url must be an http or https URL, got " + url);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("eecs.safety.webhook.batch-size must be at least 1, got " + batchSize);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("eecs.safety.webhook backoffs must satisfy 0 <= first-backoff <= "
                    + "max-backoff, got " + firstBackoff + " and " + maxBackoff);
        }
    }
}
