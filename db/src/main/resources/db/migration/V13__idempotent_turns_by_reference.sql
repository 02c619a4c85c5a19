-- A turn's answer is remembered by reference: a key answered by a care turn points to the turn, and a retry gets
-- the answer prepared again from the turn's record (its words and care response) instead of a stored copy of the
-- first answer (about 200 KB of synthesised speech and animation a turn, written at every keyed turn and almost never
-- read). Other creating requests keep their (small) answer's body as before.
alter table idempotent_request
    add column turn_id uuid,
    add constraint idempotent_request_answer check (turn_id is null or (status is not null and body is null));
