package org.eecs.adapter.out.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers the alert outbox to the webhook: at least once, in order of raising, never dropped.
 *
 * <p>Each round claims the due alerts with {@code FOR UPDATE SKIP LOCKED} (so several replicas never send the same
 * alert at once) and pushes their next attempt a lease ahead before sending; a process that dies mid-send leaves
 * the alert to be sent again when the lease ends. An alert the webhook accepts (2xx) is marked delivered; any
 * other answer, a timeout or a refused connection puts it back with a doubling wait, capped, for ever. Each POST
 * carries {@code Idempotency-Key: escalation-alert-<id>}, the same on every attempt, so that the receiver can drop
 * repeats.
 */
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    /** For Prometheus: attempts to deliver an alert, by outcome ({@code eecs.escalation.alerts}). */
    private static final Counter DELIVERED = Counter.builder("eecs.escalation.alerts").tag("outcome", "delivered")
            .register(Metrics.globalRegistry);
    private static final Counter NOT_DELIVERED = Counter.builder("eecs.escalation.alerts")
            .tag("outcome", "not-delivered").register(Metrics.globalRegistry);

    private final JdbcClient jdbc;
    private final WebhookProperties settings;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(JdbcClient jdbc, WebhookProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    record Due(long id, String payload, int attempts) {
    }

    @Scheduled(fixedDelayString = "${eecs.safety.webhook.poll-interval:5s}", initialDelayString = "PT1S")
    void sendDue() {
        for (Due alert : claimDue()) {
            send(alert);
        }
    }

    /** The alerts due now, their attempt counted and their next attempt a lease ahead. */
    List<Due> claimDue() {
        Instant now = clock.instant();
        Duration lease = settings.timeout().multipliedBy(2).plusSeconds(5);
        return jdbc.sql("""
                        update escalation_alert set attempts = attempts + 1, next_attempt_at = ?
                        where id in (select id from escalation_alert
                                     where delivered_at is null and next_attempt_at <= ?
                                     order by id limit ? for update skip locked)
                        returning id, payload, attempts""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), settings.batchSize())
                .query((row, n) -> new Due(row.getLong("id"), row.getString("payload"), row.getInt("attempts")))
                .list().stream().sorted(Comparator.comparingLong(Due::id)).toList();
    }

    private void send(Due alert) {
        String failure;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(settings.url())
                            .timeout(settings.timeout())
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", "escalation-alert-" + alert.id())
                            .POST(HttpRequest.BodyPublishers.ofString(alert.payload()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                jdbc.sql("update escalation_alert set delivered_at = ?, last_error = null where id = ?")
                        .params(Timestamp.from(clock.instant()), alert.id()).update();
                DELIVERED.increment();
                log.info("Escalation alert {} delivered to the webhook (attempt {})", alert.id(), alert.attempts());
                return;
            }
            failure = "HTTP " + answer.statusCode() + ": " + abbreviate(answer.body());
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        Duration wait = backoff(alert.attempts());
        jdbc.sql("update escalation_alert set next_attempt_at = ?, last_error = ? where id = ?")
                .params(Timestamp.from(clock.instant().plus(wait)), abbreviate(failure), alert.id()).update();
        NOT_DELIVERED.increment();
        log.warn("Escalation alert {} not delivered (attempt {}): {}; next attempt in {}", alert.id(),
                alert.attempts(), failure, wait);
    }

    /** The wait after the given number of failed attempts: first-backoff, doubled each time, capped. */
    Duration backoff(int attempts) {
        Duration wait = settings.firstBackoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private static String abbreviate(String text) {
        String shown = text == null ? "" : text.strip();
        return shown.length() > 500 ? shown.substring(0, 500) + "..." : shown;
    }
}
