-- A care turn's steps that took two statements each because the second one's snapshot had to be taken after the
-- first one's lock was held: each is now one call of a function. A volatile function's every query takes a snapshot
-- of its own when it starts (under read committed), so what it reads after its lock includes whatever was committed
-- while it waited for that lock. One round trip to the database instead of two, at every turn of every robot.

-- The session held until the transaction ends (row lock), its state now, and the number of its last turn (0 before
-- its first): two instances recording turns of one session at once number them one after the other, and a turn is
-- recorded only in a session seen still in progress under its lock. No row if there is no such session.
create function care_session_held_for_turn(held_session uuid)
    returns table (state varchar, last_sequence integer)
    language plpgsql volatile as
$$
declare
    held varchar;
begin
    select s.state into held from care_session s where s.id = held_session for update;
    if not found then
        return;
    end if;
    return query select held, coalesce(max(t.sequence), 0) from turn t where t.session_id = held_session;
end;
$$;

-- The audit chain's advisory lock, held until the transaction ends, taken within the lock timeout given, and then the
-- head of the chain to link to: the newest event, or the anchor of the newest archived month when every event is
-- archived (no row on an empty chain).
create function audit_chain_locked_head(chain_lock bigint, lock_wait text)
    returns table (sequence bigint, hash varchar, recorded_at timestamptz)
    language plpgsql volatile as
$$
begin
    -- a bounded wait: a unit that waited on a chain lock its own suspended unit holds would otherwise hang
    perform set_config('lock_timeout', lock_wait, true);
    perform pg_advisory_xact_lock(chain_lock);
    return query
        (select e.sequence, e.hash::varchar, e.recorded_at from audit_event e order by e.sequence desc limit 1)
        union all
        (select a.last_sequence, a.last_hash::varchar, (a.month + interval '1 month') at time zone 'UTC'
         from audit_anchor a order by a.last_sequence desc limit 1)
        order by 1 desc limit 1;
end;
$$;
