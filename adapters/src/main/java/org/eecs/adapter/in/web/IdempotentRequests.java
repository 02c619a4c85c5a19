package org.eecs.adapter.in.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The remembered answers to creating requests sent with an {@code Idempotency-Key}, per caller and key.
 * A key is claimed before the request runs (the primary key lets only one claim win, and the claim is committed at
 * once so that every instance sees the key taken), answered when it succeeds, and released when it fails, so that a
 * retry after a failure runs again. A care turn answers its key itself, by reference, in the unit of work that
 * records the turn ({@code Turns.save} with the robot's retry key), and its answer is prepared again from the turn's
 * record for a retry ({@link AnsweredTurns}): its body is large (synthesised speech) and almost never asked for twice.
 */
@Component
class IdempotentRequests {

    private static final Logger logger = LoggerFactory.getLogger(IdempotentRequests.class);

    /** A claim never answered for this long was left by a crashed request: a retry may run again. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Duration retention;
    private final Set<Claim> unreleased = ConcurrentHashMap.newKeySet();

    IdempotentRequests(JdbcClient jdbc,
                       @Value("${eecs.api.idempotency-key-retention}")
                       Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /**
     * Claims the key for this request; empty if claimed, else what the key already holds. One statement, committed
     * on its own (no transaction around it: another instance must see the key taken before the request runs): an
     * expired answer or an abandoned claim is forgotten, the key claimed if it is free, and what it holds read if it
     * is not, in one round trip. The read sees the key as it was when the statement began, so a claim another request
     * committed while this one waited to insert is read once more.
     */
    Optional<Remembered> claim(String caller, String key, String method, String path, String requestHash) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // the insert reads the delete's count, so that the stale row is gone before it tries the key
        List<Claimed> outcome = jdbc.sql("""
                        with forgotten as (
                            delete from idempotent_request where caller_id = :caller and key = :key
                            and (created_at < :expired
                                 or (status is null and turn_id is null and created_at < :abandoned))
                            returning 1),
                        claimed as (
                            insert into idempotent_request (caller_id, key, method, path, request_hash)
                            select :caller, :key, :method, :path, :hash where (select count(*) from forgotten) >= 0
                            on conflict do nothing
                            returning 1)
                        select true as claimed, null as request_hash, null::int as status, null as content_type,
                               null as location, null::bytea as body, null::uuid as turn_id
                        from claimed
                        union all
                        select false, request_hash, status, content_type, location, body, turn_id
                        from idempotent_request where caller_id = :caller and key = :key
                        and not exists (select from forgotten)""")
                .param("caller", caller).param("key", key).param("method", method).param("path", path)
                .param("hash", requestHash).param("expired", now.minus(retention))
                .param("abandoned", now.minus(ABANDONED_AFTER))
                .query((row, n) -> row.getBoolean("claimed") ? Claimed.TAKEN : new Claimed(remembered(row)))
                .list();
        if (outcome.contains(Claimed.TAKEN)) {
            return Optional.empty();
        }
        if (!outcome.isEmpty()) {
            return Optional.of(outcome.getFirst().held());
        }
        return jdbc.sql("""
                        select request_hash, status, content_type, location, body, turn_id from idempotent_request
                        where caller_id = ? and key = ?""")
                .params(caller, key)
                .query((row, n) -> remembered(row))
                .optional();
    }

    private static Remembered remembered(ResultSet row) throws SQLException {
        return new Remembered(row.getString("request_hash"), (Integer) row.getObject("status"),
                row.getString("content_type"), row.getString("location"), row.getBytes("body"),
                row.getObject("turn_id", UUID.class));
    }

    /** What a claim found: the key taken by this request ({@link #TAKEN}), or what the key already held. */
    private record Claimed(Remembered held) {
        static final Claimed TAKEN = new Claimed(null);
    }

    @Transactional
    void answer(String caller, String key, int status, String contentType, String location, byte[] body) {
        jdbc.sql("""
                        update idempotent_request set status = ?, content_type = ?, location = ?, body = ?
                        where caller_id = ? and key = ?""")
                .params(status, contentType, location, body, caller, key).update();
    }

    /**
     * Gives the claim back, so that a retry runs again. With the database out of reach (a failed request often
     * failed for that), the claim is given back as soon as it answers again, so that the robot's retry after the
     * outage is taken at once instead of counting as a duplicate until the claim is {@link #ABANDONED_AFTER}.
     */
    void release(String caller, String key) {
        Claim claim = new Claim(caller, key);
        try {
            giveBack(claim);
        } catch (DataAccessException unreachable) {
            unreleased.add(claim);
            logger.warn("the claim of an Idempotency-Key is given back once the database answers again: {}",
                    unreachable.getMessage());
        }
    }

    /** The claims {@link #release} could not give back, tried again until the database answers. */
    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    void releaseLeftOver() {
        for (Claim claim : unreleased) {
            try {
                giveBack(claim);
                unreleased.remove(claim);
            } catch (DataAccessException stillUnreachable) {
                return;
            }
        }
    }

    private void giveBack(Claim claim) {
        jdbc.sql("""
                        delete from idempotent_request
                        where caller_id = ? and key = ? and status is null and turn_id is null""")
                .params(claim.caller(), claim.key()).update();
    }

    private record Claim(String caller, String key) {
    }

    /** Forgets answers past their retention, and claims left behind by a crash. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    @Transactional
    void forgetExpired() {
        jdbc.sql("delete from idempotent_request where created_at < ?")
                .param(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)).update();
    }

    /**
     * @param requestHash the fingerprint of the request the key was first used for ({@link RequestFingerprint}; a
     *                    streamed turn's key keeps the SHA-256 of its method, path and key), as the char(64) column
     *                    gives it back
     * @param status      the answer's status; null while the first request is still running, and for a key answered
     *                    by a care turn
     * @param turn        the care turn that answered it, whose answer is prepared again; else null, and the answer is
     *                    {@code body}
     */
    record Remembered(String requestHash, Integer status, String contentType, String location, byte[] body,
                      UUID turn) {

        /** The first request with the key has not been answered yet (nor given the key back). */
        boolean inProgress() {
            return status == null && turn == null;
        }
    }
}
