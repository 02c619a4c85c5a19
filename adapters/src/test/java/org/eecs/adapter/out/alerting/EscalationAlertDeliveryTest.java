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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.VerifyingAuditTrail;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.TimeWindow;
import org.eecs.domain.audit.Actor;
import org.eecs.domain.audit.Role;
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
import org.eecs.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escalation alerts reach the webhook through the outbox, whatever the webhook does first: a webhook in the test
 * that fails, then accepts. The alert is written with the escalation, retried with backoff, survives a restart of
 * the sender (a new sender on the same database picks it up) and is delivered once accepted; a webhook down for an
 * hour (refusing connections, then failing) gets every alert raised meanwhile exactly once when it is back.
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
    @Autowired VerifyingAuditTrail verifier;

    private HttpServer webhook;
    /** Per Idempotency-Key, how many more deliveries of that alert the webhook refuses. */
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String idempotencyKey, String body, int answeredWith) {
    }

    @BeforeEach
    void startTheWebhook() throws IOException {
        webhook = listening(0);
    }

    private HttpServer listening(int port) throws IOException {
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
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
        return webhook;
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

    @Test
    void theWebhookDownForAnHour_everyAlertRaisedMeanwhileIsDeliveredOnceItIsBack_andTheWaitStaysCapped()
            throws IOException {
        Instant start = T0.plus(Duration.ofDays(3));
        Instant back = start.plus(Duration.ofHours(1));
        MovableClock clock = new MovableClock(start);
        int port = webhook.getAddress().getPort();
        webhook.stop(0); // down: every connection refused
        WebhookSender sender = new WebhookSender(jdbc, new WebhookProperties(
                URI.create("http://127.0.0.1:" + port + "/alerts"), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMinutes(1), 20), clock);
        List<Long> alerts = new ArrayList<>();
        Map<Long, List<Instant>> attempts = new HashMap<>();

        // an hour and a quarter in rounds of the poll interval; three escalations raised while the webhook is down
        for (Instant now = start; now.isBefore(back.plus(Duration.ofMinutes(15))); now = now.plusSeconds(5)) {
            clock.set(now);
            if (now.equals(start) || now.equals(start.plus(Duration.ofMinutes(20)))
                    || now.equals(start.plus(Duration.ofMinutes(59)))) {
                alerts.add(alertOf(raisedAndAlerted(Clock.fixed(now, ZoneOffset.UTC))));
                refusals.put("escalation-alert-" + alerts.getLast(), new AtomicInteger(1_000_000));
            }
            if (now.equals(start.plus(Duration.ofMinutes(40)))) {
                webhook = listening(port); // up again, but failing: every alert answered 500 until the hour is over
            }
            if (now.equals(back)) {
                refusals.clear(); // back: alerts accepted
            }
            sender.sendDue();
            for (long alert : alerts) {
                List<Instant> times = attempts.computeIfAbsent(alert, id -> new ArrayList<>());
                while (times.size() < attemptsOf(alert)) {
                    times.add(now);
                }
            }
        }

        for (long alert : alerts) {
            List<Received> accepted = received.stream()
                    .filter(request -> request.idempotencyKey().equals("escalation-alert-" + alert)
                            && request.answeredWith() == 202).toList();
            assertThat(accepted).as("alert %d delivered exactly once", alert).hasSize(1);
            assertThat(deliveredAt(alert)).as("within the cap (1 min) and a poll of the webhook's return")
                    .isBetween(back, back.plus(Duration.ofMinutes(1)).plusSeconds(5));
            List<Instant> times = attempts.get(alert);
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i))).as("the wait, doubling, capped")
                        .isLessThanOrEqualTo(Duration.ofMinutes(1).plusSeconds(5));
            }
        }
        Instant now = Instant.now();
        assertThat(verifier.verify(new Caller(new Actor("auditor-webhook", Role.AUDITOR), null, null, "audit"),
                now.minus(Duration.ofDays(1)), now.plusSeconds(60)).intact()).as("the audit chain").isTrue();
        List<Instant> first = attempts.get(alerts.getFirst());
        assertThat(first).as("10, 20, 40 s, then a minute apart: about 60 in the hour").hasSizeBetween(55, 65);
        assertThat(Duration.between(first.get(0), first.get(3))).as("10 + 20 + 40 s").isEqualTo(Duration.ofSeconds(70));
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
