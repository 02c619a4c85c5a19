-- The audit trail, partitioned by month for retention (docs/audit.md, "Partitions and retention").
--
-- The partition key is recorded_at: the database's clock when the event was appended, taken under the chain lock
-- and never earlier than the event before it. It is within moments of the event's own time (occurred_at), and
-- because it never decreases along the chain, every month's partition holds one unbroken stretch of sequence
-- numbers: a month detached for archiving leaves exactly one anchor (table audit_anchor), the hash the remaining
-- chain links to. recorded_at is storage bookkeeping and not part of the hashed content.
--
-- Under partitioning a primary key must include the partition key, so (sequence, recorded_at) is the key: that
-- sequence numbers and hashes are unique across months is kept by the chain lock of the appends, and a repeated
-- sequence number would be reported by verification (OUT_OF_ORDER).

-- The table as it was (V2, V3) is renamed out of the way, and its events are copied into the new one.
alter table audit_event rename to audit_event_unpartitioned;
alter index audit_event_pkey rename to audit_event_unpartitioned_pkey;
alter index audit_event_hash_key rename to audit_event_unpartitioned_hash_key;
alter index audit_event_by_time rename to audit_event_unpartitioned_by_time;
alter index audit_event_by_patient rename to audit_event_unpartitioned_by_patient;

create table audit_event (
    sequence       bigint       not null check (sequence >= 1),
    actor_id       varchar(255) not null,
    actor_role     varchar(16)  not null constraint audit_event_actor_role_check
        check (actor_role in ('CLINICIAN', 'AUDITOR', 'INTEGRATION', 'ROBOT', 'ADMIN', 'SYSTEM', 'ANONYMOUS')),
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
    hash           char(64)     not null,
    recorded_at    timestamptz  not null,
    primary key (sequence, recorded_at)
) partition by range (recorded_at);

create index audit_event_by_time on audit_event (occurred_at, sequence);
create index audit_event_by_patient on audit_event (patient_id, occurred_at);
create index audit_event_by_actor on audit_event (actor_id, occurred_at);
create index audit_event_by_request on audit_event (request_id);
create index audit_event_by_entity on audit_event (entity_id);

-- The database itself refuses to change or remove history: the row guards are cloned by PostgreSQL onto every
-- partition, present and future; a TRUNCATE guard is added to each partition as it is made.
create trigger audit_event_is_append_only
    before update or delete on audit_event
    for each row execute function refuse_audit_event_change();
create trigger audit_event_is_never_truncated
    before truncate on audit_event
    for each statement execute function refuse_audit_event_change();

-- Events whose month has no partition of its own land here; the maintenance job makes months ahead, so it
-- normally stays empty.
create table audit_event_default partition of audit_event default;
create trigger audit_event_is_never_truncated
    before truncate on audit_event_default
    for each statement execute function refuse_audit_event_change();

-- The month's partition (first day of the month, UTC), made with its TRUNCATE guard if it does not exist yet.
-- Returns the partition's name, or null when the default partition already holds events of that month (they then
-- stay there, still guarded and verified).
create function audit_event_month_partition(month_start date) returns text
    language plpgsql as
$$
declare
    name text := format('audit_event_y%sm%s', to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
    starts timestamptz := date_trunc('month', month_start)::timestamp at time zone 'UTC';
begin
    if to_regclass(name) is not null then
        return name;
    end if;
    begin
        execute format('create table %I partition of audit_event for values from (%L) to (%L)',
                       name, starts, starts + interval '1 month');
    exception when check_violation then
        raise warning 'audit_event_default holds events of %: no partition of its own was made for that month',
            to_char(month_start, 'YYYY-MM');
        return null;
    end;
    execute format('create trigger audit_event_is_never_truncated before truncate on %I '
                   || 'for each statement execute function refuse_audit_event_change()', name);
    return name;
end;
$$;

-- recorded_at of the events written so far: the latest event time up to each event, so that it never decreases.
create temporary table audit_event_recorded on commit drop as
select sequence, max(occurred_at) over (order by sequence) as recorded_at from audit_event_unpartitioned;

select audit_event_month_partition(month)
from (select distinct date_trunc('month', recorded_at at time zone 'UTC')::date as month
      from audit_event_recorded) as months;
-- this month and the next two; the maintenance job keeps months ahead from here on
select audit_event_month_partition((date_trunc('month', now() at time zone 'UTC') + make_interval(months => n))::date)
from generate_series(0, 2) as n;

insert into audit_event (sequence, actor_id, actor_role, action, entity_type, entity_id, patient_id, outcome,
                         occurred_at, source_address, purpose, request_id, previous_hash, hash, recorded_at)
select e.sequence, actor_id, actor_role, action, entity_type, entity_id, patient_id, outcome, occurred_at,
       source_address, purpose, request_id, previous_hash, hash, r.recorded_at
from audit_event_unpartitioned e join audit_event_recorded r on r.sequence = e.sequence;

drop table audit_event_unpartitioned;

-- What remains of each archived month in the database: the link the rest of the chain starts from.
create table audit_anchor (
    month          date         primary key,
    first_sequence bigint       not null,
    last_sequence  bigint       not null unique,
    events         bigint       not null,
    last_hash      char(64)     not null,
    export_id      uuid         not null,
    sha256         char(64)     not null,
    partition_name varchar(63)  not null,
    archived_at    timestamptz  not null
);

create trigger audit_anchor_is_append_only
    before update or delete on audit_anchor
    for each row execute function refuse_audit_event_change();
create trigger audit_anchor_is_never_truncated
    before truncate on audit_anchor
    for each statement execute function refuse_audit_event_change();
