-- The append-only event log. One SQL for PostgreSQL and embedded PGlite.

create table event_streams (
  stream_id  text primary key,
  revision   bigint not null,          -- -1: created by an append in flight, no events yet
  last_hash  text
);

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
  constraint events_stream_revision_unique unique (stream_id, stream_revision)
);

-- Global (log) order: by writing transaction, then position.
create index events_log_order on events (transaction_id, global_position);
create index events_type on events (type);

-- Appends one or more events to a stream atomically in a single round trip.
--   p_expected: 'no_stream' | 'stream_exists' | 'any' | a revision number
--   p_events:   [{ id, type, schemaVersion, contentHash, data, metadata }]
-- Raises CL409 (detail: actual revision) or CL422 (detail: conflicting ids).
-- Appending ids that are all stored on this stream already writes nothing and
-- returns the original result.
create function cl_append_to_stream(p_stream_id text, p_expected text, p_events jsonb)
returns jsonb language plpgsql as $$
declare
  v_ids      uuid[];
  v_revision bigint;
  v_hash     text;
  v_here     integer;
  v_elsewhere integer;
  v_event    jsonb;
  v_next     text;
  v_position bigint;
begin
  select array_agg((e->>'id')::uuid) into v_ids from jsonb_array_elements(p_events) e;

  select revision, last_hash into v_revision, v_hash
    from event_streams where stream_id = p_stream_id for update;
  if not found then
    insert into event_streams (stream_id, revision) values (p_stream_id, -1)
      on conflict (stream_id) do nothing;
    select revision, last_hash into v_revision, v_hash
      from event_streams where stream_id = p_stream_id for update;
  end if;

  -- Checked under the stream lock, so a concurrent retry of the same ids sees the first.
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

  if (p_expected = 'no_stream' and v_revision <> -1)
     or (p_expected = 'stream_exists' and v_revision = -1)
     or (p_expected ~ '^[0-9]+$' and v_revision <> p_expected::bigint) then
    raise exception using errcode = 'CL409', message = 'WRONG_EXPECTED_REVISION', detail = v_revision::text;
  end if;

  for v_event in select value from jsonb_array_elements(p_events) loop
    v_revision := v_revision + 1;
    v_next := encode(sha256(convert_to(
      coalesce(v_hash, '') || '|' || v_revision::text || '|' || (v_event->>'contentHash'), 'UTF8')), 'hex');
    insert into events (event_id, stream_id, stream_revision, type, schema_version, data, metadata,
                        recorded_at, content_hash, previous_hash, hash)
    values ((v_event->>'id')::uuid, p_stream_id, v_revision, v_event->>'type',
            (v_event->>'schemaVersion')::integer, v_event->'data', v_event->'metadata',
            (v_event->'metadata'->>'recordedAt')::timestamptz, v_event->>'contentHash', v_hash, v_next)
    returning global_position into v_position;
    v_hash := v_next;
  end loop;

  update event_streams set revision = v_revision, last_hash = v_hash where stream_id = p_stream_id;
  return jsonb_build_object('duplicate', false, 'nextRevision', v_revision, 'lastPosition', v_position);
end
$$;
