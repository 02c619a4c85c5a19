-- Care turns end to end: who answered each turn (reasoner and template version, and why the language model did
-- not), the escalation it raised, the patient speaking over its answer (barge-in), and raw recordings kept only under
-- consent to retention, until their expiry.

alter table turn
    add column reasoner_kind            varchar(16),
    add column reasoner_name            varchar(255),
    add column template_version         varchar(64),
    add column fallback_reason          varchar(1000),
    add column escalation_id            uuid references escalation (id),
    add column interrupted_at           timestamptz,
    add column interrupted_after_micros bigint check (interrupted_after_micros >= 0);

-- No turn was taken before this version (nothing wrote turns); any that a test left behind is marked as such.
update turn set reasoner_kind = 'CARE_LIBRARY', reasoner_name = 'unknown (recorded before V10)',
                template_version = 'unknown' where reasoner_kind is null;

alter table turn
    alter column reasoner_kind set not null,
    alter column reasoner_name set not null,
    alter column template_version set not null,
    add constraint turn_reasoner_kind check (reasoner_kind in ('CRISIS_PROTOCOL', 'LANGUAGE_MODEL', 'CARE_LIBRARY')),
    add constraint turn_interruption check ((interrupted_at is null) = (interrupted_after_micros is null)),
    add constraint turn_fallback_by_library check (fallback_reason is null or reasoner_kind = 'CARE_LIBRARY'),
    add constraint turn_escalation_by_protocol check (escalation_id is null or reasoner_kind = 'CRISIS_PROTOCOL');

alter table turn_stage_latency
    add constraint turn_stage_latency_stage check (stage in ('VOICE_ACTIVITY', 'FACE_RECOGNITION', 'SPEECH_RECOGNITION',
        'TEXT_CUES', 'FUSION', 'SAFETY', 'REASONING', 'SPEECH_SYNTHESIS', 'FACE_ANIMATION', 'MOTION_PLANNING'));

-- The raw audio and frames of a turn, kept under consent to recording retention until expires_at, then purged.
create table turn_recording (
    turn_id    uuid        primary key references turn (id),
    patient_id uuid        not null references patient (id),
    audio_type varchar(64) not null,
    audio      bytea       not null,
    expires_at timestamptz not null
);
create index turn_recording_by_expiry on turn_recording (expires_at);

create table turn_recording_frame (
    turn_id     uuid        not null references turn_recording (turn_id) on delete cascade,
    position    integer     not null check (position >= 0),
    captured_at timestamptz not null,
    image       bytea       not null,
    primary key (turn_id, position)
);
