-- For the clinician API: review notes, remembered idempotent requests, and refused anonymous access in the trail.

-- A clinician's notes on a session, added while reviewing it; never edited.
create table session_review_note (
    id         uuid          primary key,
    session_id uuid          not null references care_session (id),
    author     varchar(255)  not null,
    written_at timestamptz   not null,
    text       varchar(4000) not null check (btrim(text) <> '')
);
create index session_review_note_by_session on session_review_note (session_id, written_at);

-- The first answer to a creating request sent with an Idempotency-Key, replayed to its retries.
-- A row without status is a request still being processed.
create table idempotent_request (
    caller_id     varchar(255) not null,
    key           varchar(255) not null,
    method        varchar(8)   not null,
    path          varchar(500) not null,
    request_hash  char(64)     not null,
    status        integer,
    content_type  varchar(255),
    location      varchar(500),
    body          bytea,
    created_at    timestamptz  not null default now(),
    primary key (caller_id, key)
);
create index idempotent_request_by_age on idempotent_request (created_at);

-- A request that proved no identity is audited as refused, with the actor role ANONYMOUS.
alter table audit_event drop constraint audit_event_actor_role_check;
alter table audit_event add constraint audit_event_actor_role_check
    check (actor_role in ('CLINICIAN', 'AUDITOR', 'INTEGRATION', 'ROBOT', 'ADMIN', 'SYSTEM', 'ANONYMOUS'));

-- A robot is in one place at a time: no two live (scheduled or running) sessions of one robot overlap.
-- The application checks first to give a clear answer; this constraint closes the race between two bookings.
create extension if not exists btree_gist;
alter table care_session add constraint care_session_robot_not_double_booked
    exclude using gist (robot_id with =, tstzrange(window_start, window_end) with &&)
    where (state in ('SCHEDULED', 'IN_PROGRESS'));
