package org.eecs.adapter.out.persistence;

import java.sql.Timestamp;
import java.util.List;
import org.eecs.application.port.out.GuardViolations;
import org.eecs.domain.safety.GuardViolation;
import org.eecs.domain.session.CareSessionId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Refused answers, one row per broken rule; added, never changed. */
@Repository
@Transactional
class JdbcGuardViolations implements GuardViolations {

    private final JdbcClient jdbc;

    JdbcGuardViolations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(GuardViolation violation) {
        jdbc.sql("insert into guard_violation (session_id, occurred_at, rule, detail, reasoner) values (?, ?, ?, ?, ?)")
                .params(violation.session().value(), Timestamp.from(violation.at()), violation.rule().name(),
                        violation.detail(), violation.reasoner())
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<GuardViolation> ofSession(CareSessionId session) {
        return jdbc.sql("select occurred_at, rule, detail, reasoner from guard_violation where session_id = ?"
                        + " order by occurred_at, id")
                .param(session.value())
                .query((row, n) -> new GuardViolation(session, row.getTimestamp("occurred_at").toInstant(),
                        GuardViolation.Rule.valueOf(row.getString("rule")), row.getString("detail"),
                        row.getString("reasoner")))
                .list();
    }
}
