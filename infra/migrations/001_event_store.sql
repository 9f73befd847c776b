-- The append-only event log. One SQL for PostgreSQL and embedded PGlite.

create table events (
  global_position bigint generated always as identity primary key,
  -- The writing transaction: readers only trust rows below the oldest transaction
  -- still in flight, so a late commit of an earlier-numbered row is never skipped.
  transaction_id  xid8 not null default pg_current_xact_id(),
  event_id        uuid not null,
  stream_id       text not null,
  stream_revision bigint not null,
  type            text not null,
  schema_version  integer not null,
  data            jsonb not null,
  metadata        jsonb not null,
  recorded_at     timestamptz not null,
  content_hash    text not null,
  previous_hash   text,
  hash            text not null,
  constraint events_event_id_unique unique (event_id),
  -- The arbiter of optimistic concurrency: two appends at the same revision cannot both land.
  constraint events_stream_revision_unique unique (stream_id, stream_revision)
);

-- Global (log) order: by writing transaction, then position.
create index events_log_order on events (transaction_id, global_position);

-- A stream's chain link, shared by both append paths (and recomputed by `verify`).
create function cl_chain_hash(p_previous text, p_revision bigint, p_content_hash text)
returns text language sql immutable as $$
  select encode(sha256(convert_to(coalesce(p_previous, '') || '|' || p_revision::text || '|' || p_content_hash, 'UTF8')), 'hex')
$$;

-- The careful path: several events at once, and every append the one-statement fast path
-- could not place (a conflict, a retry, an unexpected revision). Serialised per stream by
-- an advisory lock, so its checks see a settled stream; the unique index still arbitrates
-- against fast-path appends that take no lock.
--   p_expected: 'no_stream' | 'stream_exists' | 'any' | a revision number
--   p_events:   [{ id, type, schemaVersion, contentHash, data, metadata }]
-- Raises CL409 (detail: actual revision) or CL422 (detail: conflicting ids).
-- Appending ids that are all stored on this stream already writes nothing and returns
-- the original result.
create function cl_append_to_stream(p_stream_id text, p_expected text, p_events jsonb)
returns jsonb language plpgsql as $$
declare
  v_ids       uuid[];
  v_revision  bigint;
  v_hash      text;
  v_here      integer;
  v_elsewhere integer;
  v_event     jsonb;
  v_position  bigint;
begin
  perform pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));
  select array_agg((e->>'id')::uuid) into v_ids from jsonb_array_elements(p_events) e;

  select count(*) filter (where stream_id = p_stream_id), count(*) filter (where stream_id <> p_stream_id)
    into v_here, v_elsewhere
    from events where event_id = any(v_ids);
  if v_here = array_length(v_ids, 1) then
    return (select jsonb_build_object('duplicate', true,
                                      'nextRevision', max(stream_revision),
                                      'lastPosition', max(global_position))
              from events where event_id = any(v_ids));
  elsif v_here > 0 or v_elsewhere > 0 then
    raise exception using errcode = 'CL422', message = 'EVENT_ID_CONFLICT',
      detail = (select string_agg(event_id::text, ',') from events where event_id = any(v_ids));
  end if;

  select stream_revision, hash into v_revision, v_hash
    from events where stream_id = p_stream_id order by stream_revision desc limit 1;
  v_revision := coalesce(v_revision, -1);

  if (p_expected = 'no_stream' and v_revision <> -1)
     or (p_expected = 'stream_exists' and v_revision = -1)
     or (p_expected ~ '^[0-9]+$' and v_revision <> p_expected::bigint) then
    raise exception using errcode = 'CL409', message = 'WRONG_EXPECTED_REVISION', detail = v_revision::text;
  end if;

  for v_event in select value from jsonb_array_elements(p_events) loop
    v_revision := v_revision + 1;
    insert into events (event_id, stream_id, stream_revision, type, schema_version, data, metadata,
                        recorded_at, content_hash, previous_hash, hash)
    values ((v_event->>'id')::uuid, p_stream_id, v_revision, v_event->>'type',
            (v_event->>'schemaVersion')::integer, v_event->'data', v_event->'metadata',
            (v_event->'metadata'->>'recordedAt')::timestamptz, v_event->>'contentHash', v_hash,
            cl_chain_hash(v_hash, v_revision, v_event->>'contentHash'))
    returning global_position, hash into v_position, v_hash;
  end loop;

  return jsonb_build_object('duplicate', false, 'nextRevision', v_revision, 'lastPosition', v_position);
end
$$;
