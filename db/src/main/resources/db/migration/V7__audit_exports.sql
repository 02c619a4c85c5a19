-- Exports of the audit trail asked for by auditors, and how far each has got. Kept in the database so that any
-- instance answers a status request and any instance may write a queued export (claimed with SKIP LOCKED).
-- The filter's columns are those of org.eecs.application.port.AuditFilter; the manifest's are the summary of the
-- manifest file written beside the export file.

create table audit_export (
    id                 uuid          primary key,
    kind               varchar(16)   not null check (kind in ('AUDIT_EVENTS', 'INTERACTION_LOG', 'MONTH_ARCHIVE')),
    format             varchar(8)    not null check (format in ('NDJSON', 'CSV')),
    gzip               boolean       not null,
    session_id         uuid,
    archive_month      date,
    purpose            varchar(255),
    requested_by       varchar(255)  not null,
    requested_role     varchar(16)   not null,
    requested_at       timestamptz   not null,
    state              varchar(16)   not null check (state in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    written            bigint        not null default 0 check (written >= 0),
    heartbeat_at       timestamptz,
    attempts           integer       not null default 0,
    finished_at        timestamptz,
    expires_at         timestamptz,
    failure            varchar(500),
    -- the filter
    from_time          timestamptz,
    to_time            timestamptz,
    actor_id           varchar(255),
    actor_role         varchar(16),
    patient_id         uuid,
    action             varchar(16),
    outcome            varchar(16),
    request_id         varchar(255),
    entity_type        varchar(41),
    entity_id          varchar(255),
    from_sequence      bigint,
    to_sequence        bigint,
    -- the manifest, once complete
    file_bytes         bigint,
    sha256             char(64),
    records            bigint,
    events             bigint,
    first_sequence     bigint,
    last_sequence      bigint,
    anchor_hash        char(64),
    first_hash         char(64),
    last_hash          char(64),
    links_checked      boolean,
    chain_intact       boolean,
    chain_checked      bigint,
    break_sequence     bigint,
    break_kind         varchar(16),
    break_detail       varchar(1000),
    check (kind <> 'INTERACTION_LOG' or (session_id is not null and purpose is not null)),
    check ((kind = 'MONTH_ARCHIVE') = (archive_month is not null))
);
create index audit_export_waiting on audit_export (requested_at) where state in ('QUEUED', 'RUNNING');
create index audit_export_by_expiry on audit_export (expires_at) where expires_at is not null;
