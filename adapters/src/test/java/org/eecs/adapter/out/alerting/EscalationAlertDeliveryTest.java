package org.eecs.adapter.out.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.patient.Patient;
import org.eecs.domain.patient.Preferences;
import org.eecs.domain.robot.Robot;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.safety.CrisisCategory;
import org.eecs.domain.safety.CrisisSignal;
import org.eecs.domain.safety.Escalation;
import org.eecs.domain.session.CareSession;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalation alerts reach the webhook through the outbox, whatever the webhook does first: a webhook in the test
 * that fails, then accepts. The alert is written with the escalation, retried with backoff, survives a restart of
 * the sender (a new sender on the same database picks it up) and is delivered once accepted.
 */
@IntegrationTest
class EscalationAlertDeliveryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Autowired JdbcClient jdbc;
    @Autowired Transactions transactions;
    @Autowired Patients patients;
    @Autowired Robots robots;
    @Autowired CareSessions sessions;
    @Autowired Escalations escalations;

    private HttpServer webhook;
    /** Per Idempotency-Key, how many more deliveries of that alert the webhook refuses. */
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String idempotencyKey, String body, int answeredWith) {
    }

    @BeforeEach
    void startTheWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                int status = refusals.getOrDefault(key, new AtomicInteger()).getAndDecrement() > 0 ? 500 : 202;
                received.add(new Received(key, body, status));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        webhook.start();
    }

    @AfterEach
    void stopTheWebhook() {
        webhook.stop(0);
    }

    private WebhookProperties settings() {
        return new WebhookProperties(URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts"),
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10), 100);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void anAlertTheWebhookRefusesIsRetriedWithBackoff_acrossARestart_untilItIsAccepted() {
        Escalation escalation = raisedAndAlerted(at(T0));
        long alert = alertOf(escalation);
        refusals.put("escalation-alert-" + alert, new AtomicInteger(2));

        new WebhookSender(jdbc, settings(), at(T0)).sendDue();
        assertThat(attemptsOf(alert)).isEqualTo(1);
        assertThat(deliveredAt(alert)).isNull();
        assertThat(jdbc.sql("select last_error from escalation_alert where id = ?").param(alert).query(String.class)
                .single()).startsWith("HTTP 500");

        new WebhookSender(jdbc, settings(), at(T0.plusSeconds(9))).sendDue();
        assertThat(attemptsOf(alert)).as("not due before the first backoff of 10 s").isEqualTo(1);

        new WebhookSender(jdbc, settings(), at(T0.plusSeconds(10))).sendDue();
        assertThat(attemptsOf(alert)).isEqualTo(2);
        new WebhookSender(jdbc, settings(), at(T0.plusSeconds(29))).sendDue();
        assertThat(attemptsOf(alert)).as("the second wait is twice the first").isEqualTo(2);

        // a sender started afresh, as after a restart, finds the alert in the outbox
        new WebhookSender(jdbc, settings(), at(T0.plusSeconds(30))).sendDue();
        assertThat(attemptsOf(alert)).isEqualTo(3);
        assertThat(deliveredAt(alert)).isEqualTo(T0.plusSeconds(30));

        List<Received> forThisAlert = received.stream()
                .filter(request -> request.idempotencyKey().equals("escalation-alert-" + alert)).toList();
        assertThat(forThisAlert).extracting(Received::answeredWith).containsExactly(500, 500, 202);
        assertThat(forThisAlert).extracting(Received::body).containsOnly(forThisAlert.getFirst().body());

        new WebhookSender(jdbc, settings(), at(T0.plus(Duration.ofDays(1)))).sendDue();
        assertThat(attemptsOf(alert)).as("a delivered alert is not sent again").isEqualTo(3);
    }

    @Test
    void theAlertSaysWhatHappenedAndWhereToLook_butNotWhatThePatientSaid() {
        Escalation escalation = raisedAndAlerted(at(T0));

        new WebhookSender(jdbc, settings(), at(T0)).sendDue();

        String body = received.stream().filter(request -> request.body().contains(escalation.id().toString()))
                .findFirst().orElseThrow().body();
        assertThat(body).contains("\"event\":\"escalation.raised\"", "\"category\":\"suicide\"",
                "\"sessionId\":\"" + escalation.session() + "\"", "\"path\":\"/api/v1/escalations/" + escalation.id());
        assertThat(body).doesNotContain("end my life", "rule");
    }

    @Test
    void anAlertIsWrittenWithItsEscalation_orNotAtAll() {
        Escalation escalation = newEscalation();
        try {
            transactions.inOne(() -> {
                escalations.save(escalation);
                new AlertOutbox(jdbc, at(T0)).alert(escalation);
                throw new IllegalStateException("the turn failed");
            });
        } catch (IllegalStateException expected) {
            // the whole unit rolled back
        }

        assertThat(escalations.find(escalation.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from escalation_alert where escalation_id = ?")
                .param(escalation.id().value()).query(Long.class).single()).isZero();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        WebhookSender sender = new WebhookSender(jdbc, settings(), at(T0));

        assertThat(List.of(sender.backoff(1), sender.backoff(2), sender.backoff(3), sender.backoff(6),
                sender.backoff(7), sender.backoff(40))).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(320), Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    private Escalation raisedAndAlerted(Clock clock) {
        Escalation escalation = newEscalation();
        transactions.inOne(() -> {
            escalations.save(escalation);
            new AlertOutbox(jdbc, clock).alert(escalation);
            return null;
        });
        return escalation;
    }

    private Escalation newEscalation() {
        Patient patient = Patient.register("Alerted", 1960, Gender.FEMALE, "en", Preferences.none());
        patients.save(patient);
        Robot robot = new Robot(new RobotId("robot-" + UUID.randomUUID().toString().substring(0, 8)), "Ward robot",
                "humanoid-h1", "profiles/h1.yaml");
        robots.save(robot);
        CareSession session = CareSession.schedule(patient.id(), robot.id(),
                new TimeWindow(T0.minusSeconds(600), T0.plusSeconds(3000)), "company", true).start(T0.minusSeconds(600));
        sessions.save(session);
        return Escalation.raise(session.id(), patient.id(),
                new CrisisSignal(CrisisCategory.SUICIDE, "rule suicide"), "I want to end my life.", T0);
    }

    private long alertOf(Escalation escalation) {
        return jdbc.sql("select id from escalation_alert where escalation_id = ?").param(escalation.id().value())
                .query(Long.class).single();
    }

    private int attemptsOf(long alert) {
        return jdbc.sql("select attempts from escalation_alert where id = ?").param(alert).query(Integer.class)
                .single();
    }

    private Instant deliveredAt(long alert) {
        return jdbc.sql("select delivered_at from escalation_alert where id = ?").param(alert)
                .query((row, n) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant)).single()
                .orElse(null);
    }
}
