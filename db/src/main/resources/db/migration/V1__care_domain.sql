-- The care domain: patients (pseudonymous), care teams, robots, care sessions, consents,
-- turns with their emotion observations, and care-experience ratings.
-- Enumerations are text with CHECK constraints so that a value outside the domain's
-- vocabulary cannot be stored by any client, not only by the application.

create table patient (
    id                 uuid         primary key,
    alias              varchar(80)  not null check (btrim(alias) <> ''),
    birth_year         integer      not null check (birth_year between 1900 and 2100),
    gender             varchar(16)  not null check (gender in ('FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED')),
    preferred_language varchar(35)  not null,
    registered_at      timestamptz  not null default now(),
    row_version        bigint       not null default 0
);

create table patient_preference (
    patient_id uuid         not null references patient (id) on delete cascade,
    position   integer      not null check (position >= 0),
    note       varchar(500) not null,
    primary key (patient_id, position)
);

-- Which clinicians care for which patient (clinician ids are Keycloak subjects).
create table care_team_member (
    patient_id   uuid         not null references patient (id) on delete cascade,
    clinician_id varchar(255) not null,
    primary key (patient_id, clinician_id)
);
create index care_team_member_by_clinician on care_team_member (clinician_id);

-- A robot's id is also its Keycloak client id.
create table robot (
    id                varchar(63)  primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name              varchar(120) not null,
    model             varchar(120) not null,
    profile_reference varchar(255) not null
);

create table care_session (
    id            uuid         primary key,
    patient_id    uuid         not null references patient (id),
    robot_id      varchar(63)  not null references robot (id),
    window_start  timestamptz  not null,
    window_end    timestamptz  not null,
    care_goal     varchar(500) not null,
    emotion_input boolean      not null,
    state         varchar(16)  not null check (state in ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'ABORTED')),
    started_at    timestamptz,
    ended_at      timestamptz,
    end_reason    varchar(500),
    row_version   bigint       not null default 0,
    check (window_end >= window_start)
);
create index care_session_by_robot on care_session (robot_id, window_start);
create index care_session_by_patient on care_session (patient_id, window_start);

-- Consent is versioned per patient; a withdrawal is a new version with no scopes.
create table consent (
    patient_id                  uuid         not null references patient (id),
    version                     integer      not null check (version >= 1),
    status                      varchar(16)  not null check (status in ('GRANTED', 'WITHDRAWN')),
    effective_from              timestamptz  not null,
    recorded_by                 varchar(255) not null,
    recording_retention_seconds bigint       check (recording_retention_seconds > 0),
    primary key (patient_id, version)
);

create table consent_scope (
    patient_id uuid        not null,
    version    integer     not null,
    scope      varchar(32) not null check (scope in ('AUDIO_CAPTURE', 'VIDEO_CAPTURE', 'EMOTION_ANALYSIS',
                                                     'EXTERNAL_LLM_PROCESSING', 'RECORDING_RETENTION', 'RESEARCH_USE')),
    primary key (patient_id, version, scope),
    foreign key (patient_id, version) references consent (patient_id, version) on delete cascade
);

-- One patient utterance and the robot's answer to it.
create table turn (
    id               uuid          primary key,
    session_id       uuid          not null references care_session (id),
    sequence         integer       not null check (sequence >= 1),
    occurred_at      timestamptz   not null,
    utterance        text          not null,
    response_text    varchar(2000) not null,
    response_tone    varchar(32)   not null,
    response_face    varchar(32)   not null,
    response_motion  varchar(32)   not null,
    emotion_withheld boolean       not null,
    unique (session_id, sequence)
);

create table turn_stage_latency (
    turn_id uuid        not null references turn (id) on delete cascade,
    stage   varchar(32) not null,
    micros  bigint      not null check (micros >= 0),
    primary key (turn_id, stage)
);

create table emotion_observation (
    id            bigint           generated always as identity primary key,
    turn_id       uuid             not null references turn (id) on delete cascade,
    position      integer          not null check (position >= 0),
    modality      varchar(16)      not null check (modality in ('FACE', 'SPEECH_TEXT', 'FUSED')),
    confidence    double precision not null check (confidence between 0 and 1),
    model_name    varchar(120)     not null,
    model_version varchar(60)      not null,
    window_start  timestamptz      not null,
    window_end    timestamptz      not null,
    unique (turn_id, position)
);

-- The paper's emotion vector, kept as a distribution over named classes (never only a label).
create table emotion_probability (
    observation_id bigint           not null references emotion_observation (id) on delete cascade,
    position       integer          not null check (position >= 0),
    emotion_class  varchar(40)      not null,
    probability    double precision not null check (probability between 0 and 1),
    primary key (observation_id, position)
);

-- The patient's rating of a session on the paper's 5-point Likert scale.
create table care_experience_rating (
    session_id uuid          primary key references care_session (id),
    score      smallint      not null check (score between 1 and 5),
    rated_at   timestamptz   not null,
    comment    varchar(2000)
);
