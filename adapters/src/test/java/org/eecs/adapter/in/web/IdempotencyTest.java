package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.adapter.in.web.ProblemDetailsTest.assertProblem;
import static org.eecs.adapter.in.web.WebFixtures.clinicianToken;
import static org.eecs.adapter.in.web.WebFixtures.unique;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.eecs.testing.Api;
import org.eecs.testing.Api.Answer;
import org.eecs.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A creating POST sent with an {@code Idempotency-Key} is safe to retry: the retry gets the first answer again and
 * creates nothing; a key is the caller's own; a failed request leaves the key free for a corrected retry.
 */
@IntegrationTest
class IdempotencyTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    Api api;
    String clinician;
    String token;
    String key;

    @BeforeEach
    void connect() {
        api = Api.onPort(port);
        clinician = unique("dr-retry");
        token = clinicianToken(clinician);
        key = UUID.randomUUID().toString();
    }

    private Answer register(String token, String key, String body) {
        return api.post("/api/v1/patients").token(token).header("Idempotency-Key", key).json(body).send();
    }

    private static String patientJson(String alias) {
        return """
                {"alias": "%s", "birthYear": 1968, "gender": "MALE", "preferredLanguage": "nl"}""".formatted(alias);
    }

    private long patientsCalled(String alias) {
        return jdbc.sql("select count(*) from patient where alias = ?").param(alias).query(Long.class).single();
    }

    private long creationsAuditedFor(String actor) {
        return jdbc.sql("""
                        select count(*) from audit_event
                        where actor_id = ? and action = 'CREATE' and entity_type = 'Patient' and outcome = 'SUCCESS'""")
                .param(actor).query(Long.class).single();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAgain_andCreatesNothing() {
        String alias = unique("once");

        Answer first = register(token, key, patientJson(alias));
        Answer retry = register(token, key, patientJson(alias));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).isNotNull();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(patientsCalled(alias)).isEqualTo(1);
        assertThat(creationsAuditedFor(clinician)).isEqualTo(1);
    }

    @Test
    void aClaimAbandonedByACrashedRequest_orAnAnswerPastItsRetention_isForgotten_andTheKeyTakenAgain() {
        String abandoned = unique("abandoned");
        String expired = unique("expired");
        String expiredKey = UUID.randomUUID().toString();
        leftBehind(key, "null", "now() - interval '6 minutes'");
        leftBehind(expiredKey, "201", "now() - interval '25 hours'");

        assertThat(register(token, key, patientJson(abandoned)).status()).isEqualTo(201);
        Answer retry = register(token, key, patientJson(abandoned));
        assertThat(register(token, expiredKey, patientJson(expired)).status()).isEqualTo(201);

        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(patientsCalled(abandoned)).isEqualTo(1);
        assertThat(patientsCalled(expired)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from idempotent_request
                        where caller_id = ? and key in (?, ?) and created_at > now() - interval '1 minute'""")
                .params(clinician, key, expiredKey).query(Long.class).single())
                .as("the rows left behind replaced by this process's claims").isEqualTo(2);
    }

    /** What a request of an earlier process left under the key: a claim, or an answer, made at {@code createdAt}. */
    private void leftBehind(String key, String status, String createdAt) {
        jdbc.sql("""
                        insert into idempotent_request (caller_id, key, method, path, request_hash, status, created_at)
                        values (?, ?, 'POST', '/api/v1/patients', repeat('0', 64), %s, %s)"""
                        .formatted(status, createdAt))
                .params(clinician, key).update();
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused_andCreatesNothing() {
        String alias = unique("first");
        String other = unique("second");
        assertThat(register(token, key, patientJson(alias)).status()).isEqualTo(201);

        assertProblem(register(token, key, patientJson(other)), 422, "idempotency-key-reused");

        assertThat(patientsCalled(other)).isZero();
        assertThat(creationsAuditedFor(clinician)).isEqualTo(1);
    }

    @Test
    void theRequestIsRememberedByTwoChecksumsOfItsContent_notBySha256() {
        assertThat(register(token, key, patientJson(unique("checked"))).status()).isEqualTo(201);

        assertThat(rememberedFingerprint().strip()).matches("crc32c\\+crc32:[0-9a-f]{16}");
    }

    @Test
    void aKeyRememberedWithTheSha256OfItsRequest_beforeTheChecksums_stillReplaysItsRetry_andRefusesAnotherRequest()
            throws Exception {
        String alias = unique("upgraded");
        Answer first = register(token, key, patientJson(alias));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("POST /api/v1/patients\n" + patientJson(alias)).getBytes(StandardCharsets.UTF_8)));
        jdbc.sql("update idempotent_request set request_hash = ? where key = ?").params(sha256, key).update();

        Answer retry = register(token, key, patientJson(alias));
        Answer another = register(token, key, patientJson(unique("other")));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertProblem(another, 422, "idempotency-key-reused");
        assertThat(patientsCalled(alias)).isEqualTo(1);
    }

    private String rememberedFingerprint() {
        return jdbc.sql("select request_hash from idempotent_request where key = ?").param(key).query(String.class)
                .single();
    }

    @Test
    void theSameKeyOnAnotherEndpointIsRefused() {
        String patient = register(token, key, patientJson(unique("keyed"))).json().get("id").asString();

        Answer consent = api.post("/api/v1/patients/" + patient + "/consents").token(token)
                .header("Idempotency-Key", key).json("{\"scopes\": [\"AUDIO_CAPTURE\"]}").send();

        assertProblem(consent, 422, "idempotency-key-reused");
        assertThat(jdbc.sql("select count(*) from consent where patient_id = ?::uuid").param(patient)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aKeyIsTheCallersOwn_anotherCallerUsingItCreatesTheirOwnRecord() {
        String colleague = unique("dr-colleague");
        String alias = unique("shared-key");

        Answer mine = register(token, key, patientJson(alias));
        Answer theirs = register(clinicianToken(colleague), key, patientJson(alias));

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().get("id").asString()).isNotEqualTo(mine.json().get("id").asString());
        assertThat(patientsCalled(alias)).isEqualTo(2);
        assertThat(creationsAuditedFor(clinician)).isEqualTo(1);
        assertThat(creationsAuditedFor(colleague)).isEqualTo(1);
    }

    @Test
    void aFailedRequestDoesNotUseUpItsKey_theCorrectedRetrySucceedsAndIsThenRemembered() {
        String alias = unique("corrected");

        Answer failed = register(token, key, """
                {"alias": "%s", "gender": "MALE", "preferredLanguage": "nl"}""".formatted(alias));
        Answer corrected = register(token, key, patientJson(alias));
        Answer retried = register(token, key, patientJson(alias));

        assertProblem(failed, 400, "invalid-request");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.body()).isEqualTo(corrected.body());
        assertThat(patientsCalled(alias)).isEqualTo(1);
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKeyEither() {
        String alias = unique("refused-first");
        String notAllowed = WebFixtures.adminToken();

        Answer refused = register(notAllowed, key, patientJson(alias));
        Answer allowed = register(token, key, patientJson(alias));

        assertProblem(refused, 403, "forbidden");
        assertThat(allowed.status()).isEqualTo(201);
        assertThat(allowed.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aKeyLongerThan255CharactersIsAnInvalidParameter() {
        String alias = unique("long-key");

        assertProblem(register(token, "k".repeat(256), patientJson(alias)), 400, "invalid-parameter");

        assertThat(patientsCalled(alias)).isZero();
        String longest = "k".repeat(255 - 36) + UUID.randomUUID();
        assertThat(register(token, longest, patientJson(alias)).status()).isEqualTo(201);
    }

    @Test
    void aKeyWithCharactersOutsideVisibleAsciiIsAnInvalidParameter() {
        String alias = unique("spaced-key");

        assertProblem(register(token, "two words", patientJson(alias)), 400, "invalid-parameter");

        assertThat(patientsCalled(alias)).isZero();
    }

    @Test
    void aKeyOnAPathTooLongToRememberIsAnInvalidParameter_notAServerError() {
        Answer answer = api.post("/api/v1/sessions/" + "a".repeat(600) + "/notes").token(token)
                .header("Idempotency-Key", key).json("{\"text\": \"note\"}").send();

        assertProblem(answer, 400, "invalid-parameter");
    }

    @Test
    void aRetriedConsentRecordsOneVersion() {
        String patient = register(token, UUID.randomUUID().toString(), patientJson(unique("consenting")))
                .json().get("id").asString();
        String consents = "/api/v1/patients/" + patient + "/consents";

        Answer first = api.post(consents).token(token).header("Idempotency-Key", key)
                .json("{\"scopes\": [\"AUDIO_CAPTURE\"]}").send();
        Answer retry = api.post(consents).token(token).header("Idempotency-Key", key)
                .json("{\"scopes\": [\"AUDIO_CAPTURE\"]}").send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.sql("select count(*) from consent where patient_id = ?::uuid").param(patient)
                .query(Long.class).single()).isEqualTo(1);
    }
}
