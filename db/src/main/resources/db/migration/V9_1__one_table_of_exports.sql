-- One export mechanism (docs/decisions/0003-one-export-mechanism.md): FHIR bulk exports (V6, export_job) and the
-- auditors' exports (V7, audit_export) become kinds of one job, in one table with one life: QUEUED, RUNNING under a
-- lease that its worker renews as it reports progress (claimed with SKIP LOCKED by any instance), then COMPLETED,
-- FAILED or CANCELLED; expired and purged. What differs stays in columns of its kind: a bulk export's request and
-- its files (export_file), an audit export's format, filter and manifest. Rows of both tables are carried over.

alter table export_job rename column error to failure;
alter table export_job
    add column kind               varchar(16) not null default 'CARE_RECORDS',
    add column written            bigint      not null default 0 check (written >= 0),
    add column attempts           integer     not null default 0,
    alter column request drop not null,
    alter column record_types drop not null,
    -- an audit export: what it holds (the columns of org.eecs.application.port.AuditFilter) and its manifest
    add column format             varchar(16),
    add column gzip               boolean,
    add column session_id         uuid,
    add column archive_month      date,
    add column from_time          timestamptz,
    add column to_time            timestamptz,
    add column filter_actor_id    varchar(255),
    add column filter_actor_role  varchar(16),
    add column patient_id         uuid,
    add column action             varchar(16),
    add column outcome            varchar(16),
    add column filter_request_id  varchar(255),
    add column entity_type        varchar(41),
    add column entity_id          varchar(255),
    add column from_sequence      bigint,
    add column to_sequence        bigint,
    add column file_bytes         bigint,
    add column sha256             char(64),
    add column records            bigint,
    add column events             bigint,
    add column first_sequence     bigint,
    add column last_sequence      bigint,
    add column anchor_hash        char(64),
    add column first_hash         char(64),
    add column last_hash          char(64),
    add column links_checked      boolean,
    add column chain_intact       boolean,
    add column chain_checked      bigint,
    add column break_sequence     bigint,
    add column break_kind         varchar(16),
    add column break_detail       varchar(1000);
alter table export_job alter column kind drop default;

-- one vocabulary of states: a bulk export waiting for a worker was ACCEPTED, it is QUEUED like the others
alter table export_job drop constraint export_job_state_check;
update export_job set state = 'QUEUED' where state = 'ACCEPTED';
update export_job set written = (select coalesce(sum(records), 0) from export_file where job_id = export_job.id)
where state = 'COMPLETED';

insert into export_job (id, kind, state, actor_id, actor_role, purpose, requested_at, worker, lease_until, written,
                        attempts, finished_at, expires_at, failure, format, gzip, session_id, archive_month,
                        from_time, to_time, filter_actor_id, filter_actor_role, patient_id, action, outcome,
                        filter_request_id, entity_type, entity_id, from_sequence, to_sequence, file_bytes, sha256,
                        records, events, first_sequence, last_sequence, anchor_hash, first_hash, last_hash,
                        links_checked, chain_intact, chain_checked, break_sequence, break_kind, break_detail)
select id, kind, state, requested_by, requested_role, purpose, requested_at,
       -- a running export was held while its writer reported within two minutes: the same, as a lease
       case when state = 'RUNNING' then 'before-v9.1' end,
       case when state = 'RUNNING' then coalesce(heartbeat_at, requested_at) + interval '2 minutes' end,
       written, attempts, finished_at, expires_at, failure, format, gzip, session_id, archive_month, from_time,
       to_time, actor_id, actor_role, patient_id, action, outcome, request_id, entity_type, entity_id,
       from_sequence, to_sequence, file_bytes, sha256, records, events, first_sequence, last_sequence, anchor_hash,
       first_hash, last_hash, links_checked, chain_intact, chain_checked, break_sequence, break_kind, break_detail
from audit_export;
drop table audit_export;

alter table export_job
    add constraint export_job_state_check
        check (state in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    add constraint export_job_kind_check
        check (kind in ('CARE_RECORDS', 'AUDIT_EVENTS', 'INTERACTION_LOG', 'MONTH_ARCHIVE')),
    add constraint export_job_care_records
        check (kind <> 'CARE_RECORDS' or (request is not null and record_types is not null
                                          and transaction_time is not null)),
    add constraint export_job_audit_format
        check (kind = 'CARE_RECORDS' or (format in ('NDJSON', 'CSV', 'FHIR_BUNDLE') and gzip is not null)),
    add constraint export_job_interaction_log
        check (kind <> 'INTERACTION_LOG' or (session_id is not null and purpose is not null)),
    add constraint export_job_month_archive check ((kind = 'MONTH_ARCHIVE') = (archive_month is not null));

drop index export_job_waiting;
create index export_job_waiting on export_job (requested_at) where state in ('QUEUED', 'RUNNING');
