-- A care turn taken under a robot's retry key (its Idempotency-Key) answers the key in the turn's own unit of work:
-- the key reads answered exactly when the turn exists, with no window where the turn is recorded but its key still
-- reads "in progress", and no transaction of its own. A key answered by a turn keeps only the turn: its answer (the
-- robot API's, always 200 and JSON) is prepared again from the turn's record, so no status or content type is
-- written beside it. A key is still being answered while it holds neither a status nor a turn.
update idempotent_request set status = null, content_type = null where turn_id is not null;
alter table idempotent_request
    drop constraint idempotent_request_answer,
    add constraint idempotent_request_answer
        check (turn_id is null or (status is null and content_type is null and location is null and body is null));

-- Every recorded turn is announced to the clinicians watching its session live (every instance listens on this
-- channel, LiveTranscripts): by the insert itself, so the notice is sent in the turn's unit of work and delivered at
-- its commit (not at all if it rolls back), without a statement or a transaction of its own at every turn.
create function turn_recorded_announced() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('eecs_turn_recorded', new.session_id::text || ' ' || new.id::text);
    return null;
end;
$$;

create trigger turn_recorded_announced
    after insert on turn
    for each row
execute function turn_recorded_announced();
