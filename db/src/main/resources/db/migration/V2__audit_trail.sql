-- The audit trail: append-only and tamper-evident.
-- Each event carries the SHA-256 of its canonical form chained to the previous event's hash
-- (see org.eecs.domain.audit.AuditChain). Sequence numbers are dense: a gap means a deleted row.
-- patient_id has no foreign key on purpose: the trail must never block or follow a change elsewhere.

create table audit_event (
    sequence       bigint       primary key check (sequence >= 1),
    actor_id       varchar(255) not null,
    actor_role     varchar(16)  not null check (actor_role in ('CLINICIAN', 'AUDITOR', 'INTEGRATION', 'ROBOT', 'ADMIN', 'SYSTEM')),
    action         varchar(16)  not null check (action in ('CREATE', 'READ', 'UPDATE', 'DELETE', 'EXECUTE', 'LOGIN')),
    entity_type    varchar(41)  not null,
    entity_id      varchar(255) not null,
    patient_id     uuid,
    outcome        varchar(16)  not null check (outcome in ('SUCCESS', 'DENIED', 'FAILURE')),
    occurred_at    timestamptz  not null,
    source_address varchar(255),
    purpose        varchar(255),
    request_id     varchar(255),
    previous_hash  char(64)     not null,
    hash           char(64)     not null unique
);
create index audit_event_by_time on audit_event (occurred_at);
create index audit_event_by_patient on audit_event (patient_id, occurred_at);

-- The database itself refuses to change or remove history, whoever the client is.
create function refuse_audit_event_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the audit trail is append-only: % on audit_event is refused', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_is_append_only
    before update or delete on audit_event
    for each row execute function refuse_audit_event_change();

create trigger audit_event_is_never_truncated
    before truncate on audit_event
    for each statement execute function refuse_audit_event_change();
