-- Reasoning and clinical safety: escalations of crisis language, their alerts to the hospital, the session's
-- crisis flag, and the language-model answers the output guard refused.

-- When crisis language was first heard in the session; null if never. Set only on a session that has started.
alter table care_session add column crisis_flagged_at timestamptz;
alter table care_session add constraint care_session_flagged_after_start
    check (crisis_flagged_at is null or (started_at is not null and crisis_flagged_at >= started_at));

-- A call for a person: what was said, why it was taken for a crisis, and what the care team did.
create table escalation (
    id              uuid          primary key,
    session_id      uuid          not null references care_session (id),
    patient_id      uuid          not null references patient (id),
    category        varchar(32)   not null check (category in ('SUICIDE', 'SELF_HARM', 'ABUSE', 'MEDICAL_EMERGENCY')),
    evidence        varchar(500)  not null,
    utterance       text          not null,
    raised_at       timestamptz   not null,
    state           varchar(16)   not null check (state in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    acknowledged_by varchar(255),
    acknowledged_at timestamptz,
    resolved_by     varchar(255),
    resolved_at     timestamptz,
    resolution      varchar(2000),
    row_version     bigint        not null default 0,
    check ((acknowledged_by is null) = (acknowledged_at is null)),
    check (state <> 'OPEN' or acknowledged_by is null),
    check (state <> 'ACKNOWLEDGED' or acknowledged_by is not null),
    check ((state = 'RESOLVED') = (resolved_by is not null and resolved_at is not null and resolution is not null))
);
create index escalation_by_session on escalation (session_id, raised_at);
create index escalation_by_patient_and_state on escalation (patient_id, state, raised_at);

-- The transactional outbox of alerts to the hospital's webhook: written in the transaction that raises or changes
-- the escalation, sent afterwards by a scheduled sender with backoff, and kept until the webhook accepts it.
create table escalation_alert (
    id              bigserial     primary key,
    escalation_id   uuid          not null references escalation (id),
    payload         text          not null,
    created_at      timestamptz   not null,
    attempts        integer       not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    delivered_at    timestamptz
);
create index escalation_alert_due on escalation_alert (next_attempt_at) where delivered_at is null;

-- A language model's answer the output guard refused, and why; the answer itself is not kept.
create table guard_violation (
    id          bigserial    primary key,
    session_id  uuid         not null references care_session (id),
    occurred_at timestamptz  not null,
    rule        varchar(16)  not null check (rule in ('DIAGNOSIS', 'MEDICATION', 'TOO_LONG', 'IDENTIFIER', 'ROLE')),
    detail      varchar(500) not null,
    reasoner    varchar(255) not null
);
create index guard_violation_by_session on guard_violation (session_id, occurred_at);
