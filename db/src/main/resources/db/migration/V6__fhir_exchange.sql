-- FHIR R4 for hospital IT: the hospital's identifier of a patient, when each shared record last changed and which
-- version it is at (meta.lastUpdated, meta.versionId, _lastUpdated, and keyset paging by (last change, id)), and
-- bulk export jobs, kept here so that any instance can answer for any job.

-- A patient registered by the hospital's information system carries its identifier (system and value); one
-- identifier names at most one patient.
alter table patient
    add column identifier_system varchar(255),
    add column identifier_value  varchar(255),
    add column last_updated      timestamptz not null default now(),
    add constraint patient_identifier_whole check ((identifier_system is null) = (identifier_value is null));
create unique index patient_by_hospital_identifier on patient (identifier_system, identifier_value)
    where identifier_system is not null;
create index patient_by_last_updated on patient (last_updated, id);

alter table care_session add column last_updated timestamptz not null default now();
create index care_session_by_last_updated on care_session (last_updated, id);
create index care_session_by_patient_and_last_updated on care_session (patient_id, last_updated, id);

-- An emotion observation is written once: it was last updated when it was recorded.
alter table emotion_observation add column recorded_at timestamptz not null default now();
create index emotion_observation_by_recorded_at on emotion_observation (recorded_at, id);

-- A rating is replaced by a later one: each replacement is its next version.
alter table care_experience_rating
    add column version      bigint      not null default 1,
    add column last_updated timestamptz not null default now();
create index care_experience_rating_by_last_updated on care_experience_rating (last_updated, session_id);

alter table robot add column registered_at timestamptz not null default now();

create index consent_by_effective_from on consent (effective_from, patient_id);

-- Whoever writes a record (this application or anyone else), its time of last change follows: every update
-- stamps it, and ratings count their versions.
create function stamp_last_updated() returns trigger
    language plpgsql as
$$
begin
    new.last_updated := now();
    return new;
end;
$$;

create trigger patient_last_updated before update on patient
    for each row execute function stamp_last_updated();
create trigger care_session_last_updated before update on care_session
    for each row execute function stamp_last_updated();

create function count_rating_version() returns trigger
    language plpgsql as
$$
begin
    new.version := old.version + 1;
    new.last_updated := now();
    return new;
end;
$$;

create trigger care_experience_rating_version before update on care_experience_rating
    for each row execute function count_rating_version();

-- Bulk export ($export): a job per request, the caller's identity kept for its audit events and for who may
-- fetch its files, and the files it wrote. A running job holds a lease that its worker renews; a job whose lease
-- ran out (its instance died) is taken up again by another.
create table export_job (
    id               uuid          primary key,
    actor_id         varchar(255)  not null,
    actor_role       varchar(16)   not null,
    source_address   varchar(255),
    purpose          varchar(255),
    request_id       varchar(255),
    request          varchar(2000) not null,
    record_types     varchar(255)  not null,
    since            timestamptz,
    state            varchar(16)   not null check (state in ('ACCEPTED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    requested_at     timestamptz   not null,
    transaction_time timestamptz,
    worker           varchar(255),
    lease_until      timestamptz,
    finished_at      timestamptz,
    expires_at       timestamptz,
    error            varchar(2000)
);
create index export_job_waiting on export_job (requested_at) where state in ('ACCEPTED', 'RUNNING');
create index export_job_by_expiry on export_job (expires_at);

create table export_file (
    job_id      uuid         not null references export_job (id) on delete cascade,
    position    integer      not null check (position >= 0),
    record_type varchar(32)  not null,
    name        varchar(255) not null,
    records     bigint       not null check (records >= 0),
    primary key (job_id, position),
    unique (job_id, name)
);
